import { buffer } from '@turf/buffer';
import type { RiverGeometry, RiverRole } from './geodesy.ts';

export interface RiverFeature {
  type: 'Feature';
  properties: { name: string; nameZh: string | null; role: RiverRole; bufferKm: number };
  geometry: { type: 'LineString'; coordinates: [number, number][] } | { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/**
 * The river lines the siting rule measures against, each with its buffer distance (3 km from the
 * main course, 1 km from an important tributary by default), and the buffers as polygons — the areas
 * where a new pond is refused — for drawing on a map. Screening geometry: the rule itself measures
 * geodesic distances, not these polygons.
 */
export function riverLayers(rivers: RiverGeometry, km: Record<RiverRole, number>) {
  const lines: RiverFeature[] = rivers.lines.map((l) => ({ type: 'Feature', properties: { name: l.name, nameZh: l.nameZh, role: l.role, bufferKm: km[l.role] }, geometry: { type: 'LineString', coordinates: l.coordinates } }));
  const buffers: RiverFeature[] = [];
  for (const f of lines) {
    const b = buffer(f as Parameters<typeof buffer>[0], f.properties.bufferKm, { units: 'kilometers', steps: 8 }) as { geometry?: unknown } | undefined;
    if (b?.geometry) buffers.push({ type: 'Feature', properties: f.properties, geometry: b.geometry as RiverFeature['geometry'] });
  }
  return { lines: { type: 'FeatureCollection' as const, features: lines }, buffers: { type: 'FeatureCollection' as const, features: buffers } };
}
