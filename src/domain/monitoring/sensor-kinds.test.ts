import { describe, expect, it } from 'vitest';
import { SENSOR_KINDS, implausibleReason, isSensorKind, kindsForSite, sensorKindInfo } from './sensor-kinds.ts';

describe('sensor kinds', () => {
  it('covers the kinds the contract names', () => {
    for (const k of ['water_level', 'freeboard', 'beach_length', 'phreatic_depth', 'surface_displacement', 'internal_displacement', 'rainfall', 'seepage_flow', 'ground_pressure', 'people_underground']) {
      expect(isSensorKind(k)).toBe(true);
    }
    expect(isSensorKind('temperature_of_moon')).toBe(false);
  });
  it('gives labels, units and the direction in which values get worse', () => {
    expect(sensorKindInfo('freeboard')).toMatchObject({ zh: '安全超高', unit: 'm', direction: 'below' });
    expect(sensorKindInfo('beach_length')).toMatchObject({ zh: '干滩长度', direction: 'below' });
    expect(sensorKindInfo('phreatic_depth').direction).toBe('below');
    expect(sensorKindInfo('water_level').direction).toBe('above');
    expect(sensorKindInfo('rainfall')).toMatchObject({ unit: 'mm', direction: 'above', range: [0, 1000] });
    expect(sensorKindInfo('people_underground').range).toEqual([0, 5000]);
  });
  it('every kind has a sane range, interval and at least one site kind', () => {
    for (const k of SENSOR_KINDS) {
      const info = sensorKindInfo(k);
      expect(info.kind).toBe(k);
      expect(info.range[0]).toBeLessThan(info.range[1]);
      expect(info.expectedIntervalSec).toBeGreaterThan(0);
      // GB 51108 §4.5.4: a pond sensor measures at least once a day.
      if (info.siteKinds.includes('tailings_pond')) expect(info.expectedIntervalSec).toBeLessThanOrEqual(86_400);
      expect(info.siteKinds.length).toBeGreaterThan(0);
    }
  });
  it('lists kinds per site kind', () => {
    const pond = kindsForSite('tailings_pond');
    expect(pond).toContain('freeboard');
    expect(pond).not.toContain('ground_pressure');
    expect(kindsForSite('underground')).toContain('people_underground');
    expect(kindsForSite('open_pit')).toContain('slope_displacement');
  });
  it('refuses impossible values with a reason', () => {
    expect(implausibleReason('rainfall', 12.5)).toBeNull();
    expect(implausibleReason('rainfall', 0)).toBeNull();
    expect(implausibleReason('rainfall', 1000)).toBeNull();
    expect(implausibleReason('rainfall', -1)).toBe('value -1 is outside the physical range of rainfall [0, 1000] mm');
    expect(implausibleReason('people_underground', 5001)).toBe('value 5001 is outside the physical range of people_underground [0, 5000] persons');
    expect(implausibleReason('water_level', Number.NaN)).toBe('value is not a finite number');
    expect(implausibleReason('water_level', -9999)).not.toBeNull();
  });
});
