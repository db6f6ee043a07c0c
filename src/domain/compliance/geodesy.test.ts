import { describe, expect, it } from 'vitest';
import { destination, nearestRiver, parseRiverGeoJson } from './geodesy.ts';
import { shippedRivers } from './test-kit.ts';

describe('river geometry', () => {
  it('reads the shipped Natural Earth lines: the Yellow River main course and two tributaries', () => {
    const g = shippedRivers();
    expect(new Set(g.lines.filter((l) => l.role === 'main').map((l) => l.nameZh))).toEqual(new Set(['黄河']));
    expect(new Set(g.lines.filter((l) => l.role === 'tributary').map((l) => l.nameZh))).toEqual(new Set(['汾河', '沁河']));
  });

  it('measures point-to-segment, not point-to-vertex: a point beside the middle of a long segment', () => {
    const g = parseRiverGeoJson({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { role: 'main', name: 'X' }, geometry: { type: 'LineString', coordinates: [[111, 36], [111, 37]] } }] }, 't');
    const p = destination([111, 36.5], 2, 90);
    expect(nearestRiver(g, p[0], p[1], 'main')!.km).toBeCloseTo(2, 3);
    expect(nearestRiver(g, p[0], p[1], 'tributary')).toBeNull();
  });

  it('refuses geometry without a role or with bad positions, saying which feature', () => {
    expect(() => parseRiverGeoJson({ type: 'FeatureCollection', features: [{ properties: {}, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } }] }, 't')).toThrow(/Feature 0: properties.role/);
    expect(() => parseRiverGeoJson({ type: 'FeatureCollection', features: [{ properties: { role: 'main' }, geometry: { type: 'LineString', coordinates: [[1, 2]] } }] }, 't')).toThrow(/two or more/);
    expect(() => parseRiverGeoJson({ type: 'Feature' }, 't')).toThrow(/FeatureCollection/);
  });
});
