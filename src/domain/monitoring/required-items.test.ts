import { describe, expect, it } from 'vitest';
import { missingItems, requiredItems } from './required-items.ts';

describe('required monitoring items (GB 39496-2020 §5.5.2)', () => {
  it('a wet pond needs seven items, a dry one four; grade 3 and above wet ponds add pore pressure, seepage and turbidity', () => {
    expect(requiredItems({ kind: 'tailings_pond', storage: 'wet', grade: 4 })).toEqual(['dam_displacement', 'phreatic_line', 'dry_beach', 'water_level', 'rainfall', 'landslide_displacement', 'video']);
    expect(requiredItems({ kind: 'tailings_pond', storage: 'dry', grade: 2 })).toEqual(['dam_displacement', 'phreatic_line', 'rainfall', 'video']);
    expect(requiredItems({ kind: 'tailings_pond', storage: 'wet', grade: 3 })).toContain('turbidity');
    expect(requiredItems({ kind: 'tailings_pond', storage: 'wet', grade: 4 })).not.toContain('turbidity');
  });
  it('a pond whose storage is not recorded is held to the wet list; mines have none here', () => {
    expect(requiredItems({ kind: 'tailings_pond' })).toHaveLength(7);
    expect(requiredItems({ kind: 'underground' })).toEqual([]);
  });
  it('an item is missing when it has no point, or only silent or disabled ones', () => {
    const ok = { stale: false, disabled: false, lastHeard: 1 };
    const items = [
      { item: 'dam_displacement', points: [ok] },
      { item: 'phreatic_line', points: [{ ...ok, stale: true }] },
      { item: 'rainfall', points: [{ ...ok, disabled: true }, ok] },
      { item: 'water_level', points: [{ ...ok, lastHeard: null }] },
    ];
    expect(missingItems(['dam_displacement', 'phreatic_line', 'rainfall', 'water_level', 'video'], items)).toEqual(['phreatic_line', 'water_level', 'video']);
  });
});
