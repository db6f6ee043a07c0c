import { scopePrefix } from '../../domain/regions/regions.ts';
import type { Executor } from '../../store/db.ts';

export interface BootstrapRecord {
  entity: 'enterprise' | 'site' | 'sensor';
  row: Record<string, unknown>;
}

/** The records a new child starts with, parents before children: enterprises, sites, sensors. */
export async function bootstrapRecords(db: Executor, scope: { region: string; enterprise: string | null }): Promise<BootstrapRecord[]> {
  let eq = db.selectFrom('enterprises').selectAll();
  eq = scope.enterprise ? eq.where('id', '=', scope.enterprise) : eq.where('region_code', 'like', `${scopePrefix(scope.region)}%`);
  const enterprises = await eq.orderBy('created_at').execute();
  let sq = db.selectFrom('sites').selectAll();
  sq = scope.enterprise ? sq.where('enterprise_id', '=', scope.enterprise) : sq.where('region_code', 'like', `${scopePrefix(scope.region)}%`);
  const sites = await sq.orderBy('created_at').execute();
  const siteIds = sites.map((s) => s.id);
  const sensors = siteIds.length ? await db.selectFrom('sensors').selectAll().where('site_id', 'in', siteIds).orderBy('key').execute() : [];
  return [
    ...enterprises.map((row) => ({ entity: 'enterprise' as const, row })),
    ...sites.map((row) => ({ entity: 'site' as const, row })),
    ...sensors.map((row) => ({ entity: 'sensor' as const, row: row as unknown as Record<string, unknown> })),
  ];
}
