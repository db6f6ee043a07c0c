import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { InspectionPlansTable, PlanVisitsTable } from './tables.ts';

export async function insertPlan(db: Executor, p: InspectionPlansTable, visits: readonly PlanVisitsTable[]): Promise<void> {
  await db.insertInto('inspection_plans').values(p).execute();
  // Chunked: SQLite's parameter limit (11 columns a row).
  for (let i = 0; i < visits.length; i += 80) await db.insertInto('plan_visits').values(visits.slice(i, i + 80)).execute();
}

export async function findPlan(db: Executor, id: string) {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function visitsOfPlan(db: Executor, planId: string) {
  return db
    .selectFrom('plan_visits')
    .innerJoin('sites', 'sites.id', 'plan_visits.site_id')
    .selectAll('plan_visits')
    .select(['sites.code as site_code', 'sites.name as site_name', 'sites.kind as site_kind', 'sites.status as site_status'])
    .where('plan_id', '=', planId)
    .orderBy('plan_visits.due')
    .orderBy('sites.code')
    .orderBy('plan_visits.seq')
    .execute();
}

export async function listPlans(db: Executor, f: { scope: ScopeFilter; region?: string; year?: number; limit: number; offset: number }) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('inspection_plans'), f.scope, 'inspection_plans.region_code', 'inspection_plans.enterprise_id');
    if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
    if (f.year !== undefined) q = q.where('year', '=', f.year);
    return q;
  };
  const items = await filtered().selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}
