import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveParams, RULES } from './catalogue.ts';
import { NO_FACTS, type ComplianceSite, type Equipment, type RuleContext, type SiteFacts } from './define.ts';
import { parseRiverGeoJson, type RiverGeometry } from './geodesy.ts';

/** Builders for the rules' tests: a valid site in one line, a context around some sites. */
let n = 0;
export function site(over: Partial<ComplianceSite> = {}): ComplianceSite {
  n++;
  return {
    id: `s${n}`,
    code: `S${n}`,
    name: `测试矿山${n}`,
    kind: 'underground',
    region: '140105',
    enterprise: 'e1',
    status: 'producing',
    minerals: [],
    designCapacity: null,
    actualCapacity: null,
    depth: null,
    peopleUnderground: null,
    standardGrade: 2,
    miningLicence: null,
    safetyLicence: 'X-1',
    lng: null,
    lat: null,
    damHeight: null,
    headsUp: null,
    isNew: null,
    grade: null,
    ...over,
  };
}

export const pond = (over: Partial<ComplianceSite> = {}) => site({ kind: 'tailings_pond', damHeight: 40, grade: 4, ...over });

export function shippedRivers(): RiverGeometry {
  const file = fileURLToPath(new URL('./geo/yellow-river-shanxi.geojson', import.meta.url));
  return parseRiverGeoJson(JSON.parse(fs.readFileSync(file, 'utf8')), 'Natural Earth 1:10m (test)');
}

export function context(
  sites: ComplianceSite[],
  opts: { today?: string; params?: Record<string, Record<string, unknown>>; facts?: Record<string, Partial<SiteFacts>>; consultations?: Record<string, string[]>; equipment?: Equipment[]; rivers?: RiverGeometry } = {},
): RuleContext {
  const equipment = new Map<string, Equipment[]>();
  for (const e of opts.equipment ?? []) equipment.set(e.site, [...(equipment.get(e.site) ?? []), e]);
  return {
    today: opts.today ?? '2026-12-06',
    sites,
    facts: new Map(Object.entries(opts.facts ?? {}).map(([k, v]) => [k, { ...NO_FACTS, ...v }])),
    consultations: new Map(Object.entries(opts.consultations ?? {})),
    equipment,
    rivers: opts.rivers ?? { source: 'none', lines: [] },
    params: (id) => resolveParams(RULES.find((r) => r.id === id)!, opts.params?.[id]),
  };
}
