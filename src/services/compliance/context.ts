import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES, resolveParams } from '../../domain/compliance/catalogue.ts';
import { CARRIES, NO_FACTS, type Carry, type ComplianceSite, type Equipment, type LicenceRecord, type RuleContext, type SiteFacts } from '../../domain/compliance/define.ts';
import { parseRiverGeoJson, type RiverGeometry } from '../../domain/compliance/geodesy.ts';
import type { Executor } from '../../store/db.ts';
import { listParameters } from '../../store/repos/compliance/parameters.ts';
import { listAllSites, listConsultationDates, listEquipment, listFacts } from '../../store/repos/compliance/records.ts';
import type { ComplianceEquipmentTable, ComplianceSiteFactsTable } from '../../store/repos/compliance/tables.ts';
import { licencesOfEnterprises } from '../../store/repos/enforcement/licences.ts';
import { getSetting } from '../../store/repos/settings.ts';
import type { Site } from '../../store/repos/sites.ts';

const SHIPPED = fileURLToPath(new URL('../../domain/compliance/geo/yellow-river-shanxi.geojson', import.meta.url));
export const SHIPPED_RIVERS_SOURCE = 'Natural Earth 1:10m rivers_lake_centerlines (public domain), yellow-river-shanxi.geojson — screening only';
export const RIVERS_SETTING = 'compliance.rivers';

let shipped: RiverGeometry | null = null;
/** The river lines shipped with the platform, read once. */
export function shippedRivers(): RiverGeometry {
  shipped ??= parseRiverGeoJson(JSON.parse(fs.readFileSync(SHIPPED, 'utf8')), SHIPPED_RIVERS_SOURCE);
  return shipped;
}

/** The river lines in force: ones an administrator loaded here, else the shipped ones. */
export async function riversInForce(db: Executor): Promise<RiverGeometry> {
  const loaded = await getSetting(db, RIVERS_SETTING);
  if (!loaded) return shippedRivers();
  const { source, geojson } = JSON.parse(loaded) as { source: string; geojson: unknown };
  return parseRiverGeoJson(geojson, source);
}

/** Today's date in China Standard Time (the rules' dates are calendar days there). */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

const bool = (v: number | null) => (v === null ? null : v !== 0);

export function toFacts(r: ComplianceSiteFactsTable): SiteFacts {
  return {
    newMine: bool(r.new_mine),
    fillingAssessedOn: r.filling_assessed_on,
    headsUpPlanOn: r.heads_up_plan_on,
    atFinalElevation: bool(r.at_final_elevation),
    receivingTailings: bool(r.receiving_tailings),
    idleSince: r.idle_since,
  };
}

export function toEquipment(r: ComplianceEquipmentTable): Equipment {
  const carries = (JSON.parse(r.carries) as string[]).filter((c): c is Carry => (CARRIES as readonly string[]).includes(c));
  return { id: r.id, site: r.site_id, name: r.name, kind: r.kind, model: r.model, brakeType: r.brake_type, carries };
}

export type StoredParams = Map<string, { values: Record<string, unknown>; version: number; updatedAt: number; updatedBy: string | null }>;

export async function storedParams(db: Executor): Promise<StoredParams> {
  return new Map((await listParameters(db)).map((r) => [r.rule_id, { values: JSON.parse(r.params) as Record<string, unknown>, version: r.version, updatedAt: Number(r.updated_at), updatedBy: r.updated_by }]));
}

/** Everything the rules read, in one pass over the store; `override` replaces one rule's parameters (a preview). */
export async function loadContext(db: Executor, today: string, override?: { rule: string; values: Record<string, unknown> }): Promise<RuleContext> {
  const [sites, facts, dates, equipment, stored, rivers] = await Promise.all([listAllSites(db), listFacts(db), listConsultationDates(db), listEquipment(db), storedParams(db), riversInForce(db)]);
  const consultations = new Map<string, string[]>();
  for (const d of dates) consultations.set(d.site_id, [...(consultations.get(d.site_id) ?? []), d.date]);
  const byEquipment = new Map<string, Equipment[]>();
  for (const e of equipment.map(toEquipment)) byEquipment.set(e.site, [...(byEquipment.get(e.site) ?? []), e]);
  const licences = await licencesBySite(db, sites);
  const resolved = new Map(RULES.map((r) => [r.id, resolveParams(r, override?.rule === r.id ? override.values : stored.get(r.id)?.values)]));
  return {
    today,
    sites: sites as ComplianceSite[],
    facts: new Map(facts.map((f) => [f.site_id, { ...NO_FACTS, ...toFacts(f) }])),
    consultations,
    equipment: byEquipment,
    rivers,
    licences,
    params: (id) => resolved.get(id) ?? {},
  };
}

/** The licence register's records that bear on each site: its own licences and its enterprise's site-less ones. */
async function licencesBySite(db: Executor, sites: Site[]): Promise<Map<string, LicenceRecord[]>> {
  const rows = await licencesOfEnterprises(db, [...new Set(sites.map((s) => s.enterprise))]);
  const byKey = new Map<string, LicenceRecord[]>();
  for (const l of rows) {
    const key = l.site ?? `enterprise:${l.enterprise}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { number: l.number, validUntil: l.expiresAt, state: l.status as LicenceRecord['state'] }]);
  }
  const out = new Map<string, LicenceRecord[]>();
  for (const s of sites) {
    const mine = [...(byKey.get(s.id) ?? []), ...(byKey.get(`enterprise:${s.enterprise}`) ?? [])];
    if (mine.length) out.set(s.id, mine);
  }
  return out;
}
