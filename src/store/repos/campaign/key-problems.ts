import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { KeyProblemsTable } from './tables.ts';
import './tables.ts';

export interface KeyProblem {
  id: string;
  number: string;
  year: number;
  seq: number;
  title: string;
  description: string | null;
  state: string;
  campaignId: string | null;
  taskIds: string[];
  siteIds: string[];
  hazardIds: string[];
  owner: string | null;
  deadline: string | null;
  createdBy: string | null;
  region: string;
  enterprise: string | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

const fromRow = (r: KeyProblemsTable): KeyProblem => ({
  id: r.id,
  number: r.number,
  year: Number(r.year),
  seq: Number(r.seq),
  title: r.title,
  description: r.description,
  state: r.state,
  campaignId: r.campaign_id,
  taskIds: JSON.parse(r.task_ids),
  siteIds: JSON.parse(r.site_ids),
  hazardIds: JSON.parse(r.hazard_ids),
  owner: r.owner,
  deadline: r.deadline,
  createdBy: r.created_by,
  region: r.region_code,
  enterprise: r.enterprise_id,
  version: Number(r.version),
  originNode: r.origin_node,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toRow = (k: KeyProblem): KeyProblemsTable => ({
  id: k.id,
  number: k.number,
  year: k.year,
  seq: k.seq,
  title: k.title,
  description: k.description,
  state: k.state,
  campaign_id: k.campaignId,
  task_ids: JSON.stringify(k.taskIds),
  site_ids: JSON.stringify(k.siteIds),
  hazard_ids: JSON.stringify(k.hazardIds),
  owner: k.owner,
  deadline: k.deadline,
  created_by: k.createdBy,
  region_code: k.region,
  enterprise_id: k.enterprise,
  version: k.version,
  origin_node: k.originNode,
  created_at: k.createdAt,
  updated_at: k.updatedAt,
});

/**
 * The next sequence number of a city's list for a year. Run inside the transaction that uses it: the
 * counter row stays locked until commit (PostgreSQL row lock; SQLite's single writer), so two creations
 * at once get consecutive numbers, and a rolled-back one gives its number back.
 */
export async function nextKeyProblemSeq(db: Executor, cityCode: string, year: number): Promise<number> {
  const r = await db
    .insertInto('key_problem_counters')
    .values({ city_code: cityCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['city_code', 'year']).doUpdateSet((eb) => ({ last: eb('key_problem_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(r.last);
}

export async function insertKeyProblem(db: Executor, k: KeyProblem): Promise<void> {
  await db.insertInto('key_problems').values(toRow(k)).execute();
}

export async function findKeyProblem(db: Executor, idOrNumber: string): Promise<KeyProblem | undefined> {
  const r = await db.selectFrom('key_problems').selectAll().where((eb) => eb.or([eb('id', '=', idOrNumber), eb('number', '=', idOrNumber)])).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

export async function updateKeyProblem(db: Executor, k: KeyProblem, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...set } = toRow(k);
  const r = await db.updateTable('key_problems').set(set).where('id', '=', k.id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listKeyProblems(db: Executor, q: { scope: ScopeFilter; region?: string; year?: number; campaign?: string; task?: string; state?: string; limit: number; offset: number }) {
  let base = applyScope(db.selectFrom('key_problems'), q.scope, 'region_code', 'enterprise_id');
  if (q.region) base = base.where('region_code', 'like', `${q.region}%`);
  if (q.year) base = base.where('year', '=', q.year);
  if (q.campaign) base = base.where('campaign_id', '=', q.campaign);
  if (q.state) base = base.where('state', '=', q.state);
  if (q.task) base = base.where('task_ids', 'like', `%"${q.task}"%`);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('number').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(fromRow), total: Number(total.n) };
}
