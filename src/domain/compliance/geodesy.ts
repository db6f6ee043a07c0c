import { lineString } from '@turf/helpers';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { Invalid } from '../errors.ts';

/**
 * River lines for the siting rule (黄河干流 3 km, 重要支流 1 km). Distances are geodesic on the
 * sphere of mean radius 6 371 008.8 m (turf's point-to-line distance: the point's distance to the
 * nearest point of each segment along great circles), which differs from the WGS 84 ellipsoid by
 * well under 0.5 % — metres at 3 km, far below the 1:10 M source geometry's own error.
 */
export type RiverRole = 'main' | 'tributary';

export interface RiverLine {
  name: string;
  nameZh: string | null;
  role: RiverRole;
  /** [lng, lat] pairs, WGS 84. */
  coordinates: [number, number][];
}

export interface RiverGeometry {
  /** Which geometry distances are measured against, named in every finding. */
  source: string;
  lines: RiverLine[];
}

export interface NearestRiver {
  name: string;
  nameZh: string | null;
  role: RiverRole;
  km: number;
}

/**
 * The nearest line of the given role to a point, or null when the geometry has none. With `withinKm`,
 * only segments whose box, widened by that distance, holds the point are measured (a screening run
 * over a thousand ponds then measures a handful of segments each), and a line farther away is null.
 */
export function nearestRiver(geo: RiverGeometry, lng: number, lat: number, role: RiverRole, withinKm?: number): NearestRiver | null {
  let best: NearestRiver | null = null;
  // Degrees of latitude and longitude that `withinKm` spans here, with room for great-circle bulge.
  const dLat = withinKm === undefined ? Infinity : (withinKm / 110.5) * 1.1 + 0.001;
  const dLng = withinKm === undefined ? Infinity : dLat / Math.max(0.05, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
  for (const line of geo.lines) {
    if (line.role !== role) continue;
    for (let i = 1; i < line.coordinates.length; i++) {
      const a = line.coordinates[i - 1]!;
      const b = line.coordinates[i]!;
      if (lng < Math.min(a[0], b[0]) - dLng || lng > Math.max(a[0], b[0]) + dLng || lat < Math.min(a[1], b[1]) - dLat || lat > Math.max(a[1], b[1]) + dLat) continue;
      const km = pointToLineDistance([lng, lat], lineString([a, b]), { units: 'kilometers', method: 'geodesic' });
      if (!best || km < best.km) best = { name: line.name, nameZh: line.nameZh, role, km };
    }
  }
  return withinKm !== undefined && best && best.km > withinKm ? null : best;
}

type Position = [number, number];
const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

/**
 * Reads a GeoJSON FeatureCollection of LineString / MultiLineString features, each with
 * `properties.role` 'main' or 'tributary' and a `name` (and optionally `name_zh`).
 */
export function parseRiverGeoJson(input: unknown, source: string): RiverGeometry {
  const fc = input as { type?: unknown; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Invalid('River geometry must be a GeoJSON FeatureCollection (须为 GeoJSON 要素集合)');
  const lines: RiverLine[] = [];
  fc.features.forEach((f: any, i: number) => {
    const role = f?.properties?.role;
    if (role !== 'main' && role !== 'tributary') throw new Invalid(`Feature ${i}: properties.role must be "main" or "tributary" (干流或支流)`);
    const g = f?.geometry;
    const parts: unknown[] = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : [];
    if (!parts.length) throw new Invalid(`Feature ${i}: geometry must be a LineString or MultiLineString`);
    for (const part of parts) {
      if (!Array.isArray(part) || part.length < 2 || !part.every(isPosition)) throw new Invalid(`Feature ${i}: each line needs two or more [lng, lat] positions`);
      lines.push({ name: String(f.properties.name ?? `feature ${i}`), nameZh: f.properties.name_zh ?? null, role, coordinates: part.map((p: Position) => [p[0], p[1]]) });
    }
  });
  return { source, lines };
}

const R = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** The point at `km` from [lng, lat] along the initial bearing (degrees), on the same sphere. */
export function destination([lng, lat]: Position, km: number, bearing: number): Position {
  const d = (km * 1000) / R;
  const φ1 = rad(lat);
  const λ1 = rad(lng);
  const θ = rad(bearing);
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
  return [deg(λ2), deg(φ2)];
}

/** Initial great-circle bearing from a to b, degrees. */
export function bearing([lng1, lat1]: Position, [lng2, lat2]: Position): number {
  const φ1 = rad(lat1);
  const φ2 = rad(lat2);
  const Δλ = rad(lng2 - lng1);
  return deg(Math.atan2(Math.sin(Δλ) * Math.cos(φ2), Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ)));
}
