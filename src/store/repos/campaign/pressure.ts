import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { PressureMeasuresTable } from './tables.ts';
import './tables.ts';

export interface PressureMeasure {
  id: string;
  kind: string;
  target: string;
  campaignId: string | null;
  taskId: string | null;
  title: string;
  content: string | null;
  document: string | null;
  at: number;
  createdBy: string | null;
  region: string;
  enterprise: string | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

const fromRow = (r: PressureMeasuresTable): PressureMeasure => ({
  id: r.id,
  kind: r.kind,
  target: r.target,
  campaignId: r.campaign_id,
  taskId: r.task_id,
  title: r.title,
  content: r.content,
  document: r.document,
  at: Number(r.at),
  createdBy: r.created_by,
  region: r.region_code,
  enterprise: r.enterprise_id,
  version: Number(r.version),
  originNode: r.origin_node,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export async function insertPressureMeasure(db: Executor, m: PressureMeasure): Promise<void> {
  await db
    .insertInto('pressure_measures')
    .values({
      id: m.id,
      kind: m.kind,
      target: m.target,
      campaign_id: m.campaignId,
      task_id: m.taskId,
      title: m.title,
      content: m.content,
      document: m.document,
      at: m.at,
      created_by: m.createdBy,
      region_code: m.region,
      enterprise_id: m.enterprise,
      version: m.version,
      origin_node: m.originNode,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
    })
    .execute();
}

export async function findPressureMeasure(db: Executor, id: string): Promise<PressureMeasure | undefined> {
  const r = await db.selectFrom('pressure_measures').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

export interface PressureQuery {
  scope: ScopeFilter;
  kind?: string;
  region?: string;
  enterprise?: string;
  campaign?: string;
  task?: string;
  limit: number;
  offset: number;
}

export async function listPressureMeasures(db: Executor, q: PressureQuery) {
  let base = applyScope(db.selectFrom('pressure_measures'), q.scope, 'region_code', 'enterprise_id');
  if (q.kind) base = base.where('kind', '=', q.kind);
  if (q.region) base = base.where('region_code', 'like', `${q.region}%`);
  if (q.enterprise) base = base.where('enterprise_id', '=', q.enterprise);
  if (q.campaign) base = base.where('campaign_id', '=', q.campaign);
  if (q.task) base = base.where('task_id', '=', q.task);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(fromRow), total: Number(total.n) };
}

/** Measures of a campaign (or any) within a region prefix, for the evaluation. */
export async function pressureOfCampaign(db: Executor, campaign: string, regionPrefix: string): Promise<{ region: string }[]> {
  const rows = await db.selectFrom('pressure_measures').select('region_code').where('campaign_id', '=', campaign).where('region_code', 'like', `${regionPrefix}%`).execute();
  return rows.map((r) => ({ region: r.region_code }));
}
