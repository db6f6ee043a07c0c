import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { SiteResponsibilitiesTable } from './tables.ts';

function normalise(r: SiteResponsibilitiesTable): SiteResponsibilitiesTable {
  return { ...r, created_at: Number(r.created_at), updated_at: Number(r.updated_at) };
}

export async function insertResponsibility(db: Executor, r: SiteResponsibilitiesTable): Promise<void> {
  await db.insertInto('site_responsibilities').values(r).execute();
}

export async function updateResponsibility(db: Executor, r: SiteResponsibilitiesTable, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = r;
  const u = await db.updateTable('site_responsibilities').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

export async function findResponsibility(db: Executor, id: string): Promise<SiteResponsibilitiesTable | undefined> {
  const r = await db.selectFrom('site_responsibilities').selectAll().where('id', '=', id).executeTakeFirst();
  return r && normalise(r);
}

export interface ResponsibilityQuery {
  scope: ScopeFilter;
  region?: string;
  site?: string;
  role?: string;
  /** Only those holding on this China calendar date. */
  on?: string;
  limit: number;
  offset: number;
}

export async function listResponsibilities(db: Executor, f: ResponsibilityQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('site_responsibilities'), f.scope, 'site_responsibilities.region_code', 'site_responsibilities.enterprise_id');
    if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
    if (f.site) q = q.where('site_id', '=', f.site);
    if (f.role) q = q.where('role', '=', f.role);
    if (f.on) {
      const on = f.on;
      q = q.where('starts_on', '<=', on).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', on)]));
    }
    return q;
  };
  const rows = await filtered().selectAll().orderBy('site_id').orderBy('role').orderBy('starts_on', 'desc').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(normalise), total: Number(total.n) };
}

/** Every assignment to sites of a region (GB/T 2260 prefix), for finding the gaps. */
export async function responsibilitiesOfRegion(db: Executor, regionPrefix: string) {
  return db.selectFrom('site_responsibilities').select(['site_id', 'role', 'name', 'starts_on', 'ends_on']).where('region_code', 'like', `${regionPrefix}%`).execute();
}
