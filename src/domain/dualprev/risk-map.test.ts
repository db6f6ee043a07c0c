import { describe, expect, it } from 'vitest';
import { colourOf, highestLevel, validateRiskMap } from './risk-map.ts';

describe('four-colour risk map', () => {
  it('colours an area by its highest risk level', () => {
    expect(highestLevel(['low', 'significant', 'general'])).toBe('significant');
    expect(colourOf(highestLevel(['low', 'major']))).toBe('red');
    expect(colourOf(highestLevel(['low']))).toBe('blue');
    expect(highestLevel([])).toBeNull();
  });

  it('keeps polygons inside the image, one per area', () => {
    const ok = { file: 'f', width: 100, height: 50, areas: [{ area: '坝体', polygon: [[0, 0], [100, 0], [50, 50]] as [number, number][] }] };
    expect(validateRiskMap(ok)).toEqual([]);
    const bad = { ...ok, areas: [...ok.areas, { area: '坝体', polygon: [[0, 0], [120, 0]] as [number, number][] }] };
    expect(validateRiskMap(bad).map((p) => p.path)).toEqual(['areas.1.area', 'areas.1.polygon', 'areas.1.polygon.1']);
  });
});
