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

  it('measuring only the segments that could be within a distance gives the same answer as measuring all', () => {
    const g = shippedRivers();
    for (const [lng, lat] of [[110.45, 36.05], [111.9, 38.35], [112.5, 36.5], [111.6, 36.7], [113.0, 35.05], [112.0, 37.0]] as const) {
      for (const role of ['main', 'tributary'] as const) {
        const all = nearestRiver(g, lng, lat, role)!;
        for (const km of [1, 3, 30]) {
          const near = nearestRiver(g, lng, lat, role, km);
          if (all.km <= km) expect(near).toEqual(all);
          else expect(near).toBeNull();
        }
      }
    }
  });

  it('refuses geometry without a role or with bad positions, saying which feature', () => {
    expect(() => parseRiverGeoJson({ type: 'FeatureCollection', features: [{ properties: {}, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } }] }, 't')).toThrow(/Feature 0: properties.role/);
    expect(() => parseRiverGeoJson({ type: 'FeatureCollection', features: [{ properties: { role: 'main' }, geometry: { type: 'LineString', coordinates: [[1, 2]] } }] }, 't')).toThrow(/two or more/);
    expect(() => parseRiverGeoJson({ type: 'Feature' }, 't')).toThrow(/FeatureCollection/);
  });
});
