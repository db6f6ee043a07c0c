import type { Executor } from '../db.ts';
import type { SitesTable } from '../schema.ts';
import { applyScope, type ScopeFilter } from './scope.ts';

export interface Site {
  id: string;
  code: string;
  name: string;
  kind: string;
  region: string;
  enterprise: string;
  status: string | null;
  minerals: string[];
  miningMethod: string | null;
  designCapacity: number | null;
  actualCapacity: number | null;
  depth: number | null;
  peopleUnderground: number | null;
  standardGrade: number | null;
  miningLicence: string | null;
  safetyLicence: string | null;
  lng: number | null;
  lat: number | null;
  damType: string | null;
  damHeight: number | null;
  totalStorage: number | null;
  crestElevation: number | null;
  headsUp: boolean | null;
  residentsDistance: number | null;
  isNew: boolean | null;
  grade: number | null;
  /** The design's final total storage (10⁴ m³) and dam height (m). */
  designStorage?: number | null;
  designDamHeight?: number | null;
  /** An old open pit storing tailings without a dam (no grade). */
  withoutDam?: boolean | null;
  /** Why a review raised the pond one grade (经论证提高一等). */
  gradeRaisedReason?: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
  originNode: string;
}

const bool = (v: number | null) => (v === null ? null : v !== 0);
const int = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

export function toSite(r: SitesTable): Site {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    region: r.region_code,
    enterprise: r.enterprise_id,
    status: r.status,
    minerals: r.minerals ? (JSON.parse(r.minerals) as string[]) : [],
    miningMethod: r.mining_method,
    designCapacity: r.design_capacity,
    actualCapacity: r.actual_capacity,
    depth: r.depth,
    peopleUnderground: r.people_underground,
    standardGrade: r.standard_grade,
    miningLicence: r.mining_licence,
    safetyLicence: r.safety_licence,
    lng: r.lng,
    lat: r.lat,
    damType: r.dam_type,
    damHeight: r.dam_height,
    totalStorage: r.total_storage,
    crestElevation: r.crest_elevation,
    headsUp: bool(r.heads_up),
    residentsDistance: r.residents_distance,
    isNew: bool(r.is_new),
    grade: r.grade,
    designStorage: r.design_storage ?? null,
    designDamHeight: r.design_dam_height ?? null,
    withoutDam: bool(r.without_dam ?? null),
    gradeRaisedReason: r.grade_raised_reason ?? null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: r.version,
    originNode: r.origin_node,
  };
}

export function fromSite(s: Site): SitesTable {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    region_code: s.region,
    enterprise_id: s.enterprise,
    status: s.status,
    minerals: s.minerals.length ? JSON.stringify(s.minerals) : null,
    mining_method: s.miningMethod,
    design_capacity: s.designCapacity,
    actual_capacity: s.actualCapacity,
    depth: s.depth,
    people_underground: s.peopleUnderground,
    standard_grade: s.standardGrade,
    mining_licence: s.miningLicence,
    safety_licence: s.safetyLicence,
    lng: s.lng,
    lat: s.lat,
    dam_type: s.damType,
    dam_height: s.damHeight,
    total_storage: s.totalStorage,
    crest_elevation: s.crestElevation,
    heads_up: int(s.headsUp),
    residents_distance: s.residentsDistance,
    is_new: int(s.isNew),
    grade: s.grade,
    ...(s.designStorage !== undefined ? { design_storage: s.designStorage } : {}),
    ...(s.designDamHeight !== undefined ? { design_dam_height: s.designDamHeight } : {}),
    ...(s.withoutDam !== undefined ? { without_dam: int(s.withoutDam) } : {}),
    ...(s.gradeRaisedReason !== undefined ? { grade_raised_reason: s.gradeRaisedReason } : {}),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    version: s.version,
    origin_node: s.originNode,
  };
}

export async function insertSite(db: Executor, s: Site): Promise<void> {
  await db.insertInto('sites').values(fromSite(s)).execute();
}

export async function updateSite(db: Executor, s: Site, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = fromSite(s);
  const r = await db.updateTable('sites').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A site by its id or its code (the contract accepts either wherever a path says {site}). */
export async function findSite(db: Executor, idOrCode: string): Promise<Site | undefined> {
  const r = await db
    .selectFrom('sites')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  return r && toSite(r);
}

export async function findSiteByCode(db: Executor, code: string): Promise<Site | undefined> {
  const r = await db.selectFrom('sites').selectAll().where('code', '=', code).executeTakeFirst();
  return r && toSite(r);
}

export interface SiteQuery {
  scope: ScopeFilter;
  region?: string;
  enterprise?: string;
  kind?: string;
  status?: string;
  grade?: number;
  q?: string;
  sort: string;
  limit: number;
  offset: number;
}

const sortCols: Record<string, string> = { name: 'name', code: 'code', createdAt: 'created_at', grade: 'grade', region: 'region_code', updatedAt: 'updated_at' };
export const SITE_SORTS = Object.keys(sortCols).flatMap((k) => [k, `-${k}`]);

export async function listSites(db: Executor, f: SiteQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('sites'), f.scope, 'sites.region_code', 'sites.enterprise_id');
    if (f.region) q = q.where('sites.region_code', 'like', `${f.region}%`);
    if (f.enterprise) q = q.where('sites.enterprise_id', '=', f.enterprise);
    if (f.kind) q = q.where('sites.kind', '=', f.kind);
    if (f.status) q = q.where('sites.status', '=', f.status);
    if (f.grade !== undefined) q = q.where('sites.grade', '=', f.grade);
    if (f.q) {
      const like = `%${f.q}%`;
      q = q.where((eb) => eb.or([eb('sites.name', 'like', like), eb('sites.code', 'like', like)]));
    }
    return q;
  };
  const desc = f.sort.startsWith('-');
  const col = sortCols[f.sort.replace('-', '')] ?? 'name';
  const rows = await filtered()
    .innerJoin('enterprises', 'enterprises.id', 'sites.enterprise_id')
    .selectAll('sites')
    .select('enterprises.name as enterprise_name')
    .orderBy(`sites.${col}` as 'sites.name', desc ? 'desc' : 'asc')
    .orderBy('sites.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => ({ ...toSite(r), enterpriseName: r.enterprise_name })), total: Number(total.n) };
}
