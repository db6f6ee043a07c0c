import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import { toSite, type Site } from '../sites.ts';

export type RegionSite = Site & { enterpriseName: string };

/** The sites of a region (GB/T 2260 prefix) in a scope, with their enterprise's name, by code. */
export async function sitesOfRegion(db: Executor, scope: ScopeFilter, regionPrefix: string, opts: { exceptStatus?: string; status?: string; enterprise?: string } = {}): Promise<RegionSite[]> {
  let q = applyScope(db.selectFrom('sites'), scope, 'sites.region_code', 'sites.enterprise_id').where('sites.region_code', 'like', `${regionPrefix}%`);
  // A site whose status is not recorded is still supervised: only an explicit status excludes it.
  if (opts.exceptStatus) q = q.where((eb) => eb.or([eb('sites.status', 'is', null), eb('sites.status', '!=', opts.exceptStatus!)]));
  if (opts.status) q = q.where('sites.status', '=', opts.status);
  if (opts.enterprise) q = q.where('sites.enterprise_id', '=', opts.enterprise);
  const rows = await q
    .innerJoin('enterprises', 'enterprises.id', 'sites.enterprise_id')
    .selectAll('sites')
    .select('enterprises.name as enterprise_name')
    .orderBy('sites.code')
    .execute();
  return rows.map((r) => ({ ...toSite(r), enterpriseName: r.enterprise_name }));
}
