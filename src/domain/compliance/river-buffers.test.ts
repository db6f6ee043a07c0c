import { describe, expect, it } from 'vitest';
import { nearestRiver } from './geodesy.ts';
import { riverLayers } from './river-buffers.ts';

describe('river layers', () => {
  const rivers = {
    source: 'test',
    lines: [
      { name: 'Huang', nameZh: '黄河', role: 'main' as const, coordinates: [[110.4, 36.2], [110.5, 35.9]] as [number, number][] },
      { name: 'Fen', nameZh: '汾河', role: 'tributary' as const, coordinates: [[111.5, 37.8], [111.6, 37.5]] as [number, number][] },
    ],
  };

  it('gives each line its buffer distance by role, and a polygon about as wide', () => {
    const l = riverLayers(rivers, { main: 3, tributary: 1 });
    expect(l.lines.features.map((f) => [f.properties.nameZh, f.properties.bufferKm, f.geometry.type])).toEqual([['黄河', 3, 'LineString'], ['汾河', 1, 'LineString']]);
    expect(l.buffers.features.map((f) => [f.properties.role, f.geometry.type])).toEqual([['main', 'Polygon'], ['tributary', 'Polygon']]);
    const ring = (l.buffers.features[0]!.geometry.coordinates as [number, number][][])[0]!;
    for (const [lng, lat] of ring) expect(nearestRiver(rivers, lng, lat, 'main')!.km).toBeCloseTo(3, 0);
  });
});
