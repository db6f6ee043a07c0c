import { describe, expect, it } from 'vitest';
import { ITEM_INFO, ITEM_OF_KIND, MONITORING_ITEMS, itemOf } from './items.ts';
import { SENSOR_KINDS } from './sensor-kinds.ts';

describe('monitoring items (GB 39496-2020 §5.5.2)', () => {
  it('files every sensor kind under an item that carries its source', () => {
    for (const k of SENSOR_KINDS) {
      const item = ITEM_OF_KIND[k];
      expect(MONITORING_ITEMS).toContain(item);
      expect(ITEM_INFO[item].source).toBeTruthy();
    }
  });
  it('groups the standard’s items, and files freeboard with the water level', () => {
    expect(itemOf('surface_displacement')).toBe('dam_displacement');
    expect(itemOf('internal_displacement')).toBe('dam_displacement');
    expect(itemOf('beach_length')).toBe('dry_beach');
    expect(itemOf('beach_slope')).toBe('dry_beach');
    expect(itemOf('phreatic_depth')).toBe('phreatic_line');
    expect(itemOf('phreatic_elevation')).toBe('phreatic_line');
    expect(itemOf('freeboard')).toBe('water_level');
    expect(itemOf('video_status')).toBe('video');
    expect(ITEM_INFO.water_level.source).toContain('安全超高');
  });
  it('an unknown kind is its own item', () => {
    expect(itemOf('something_new')).toBe('something_new');
  });
});
