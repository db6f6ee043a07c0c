import type { Executor } from '../../db.ts';
import { applyScope, whereRegionPrefix, type ScopeFilter } from '../scope.ts';
import type { CampaignTasksTable } from './tables.ts';
import './tables.ts';

export interface SubItem {
  number: number | string;
  text: string;
  deadline?: string | null;
}

export interface Task {
  id: string;
  campaignId: string;
  number: string;
  ordinal: number;
  text: string;
  subItems: SubItem[];
  deadline: string | null;
  deadlineText: string | null;
  owner: string | null;
  state: string;
  steps: unknown[];
  supervision: unknown | null;
  visits: unknown[];
  escalations: unknown[];
  evaluation: unknown | null;
  remarks: string | null;
  publishedAt: number | null;
  listedAt: number | null;
  remindedAt: number | null;
  overdueAt: number | null;
  region: string;
  enterprise: string | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const json = <T>(s: string | null, dflt: T): T => (s ? (JSON.parse(s) as T) : dflt);

export const taskFromRow = (r: CampaignTasksTable): Task => ({
  id: r.id,
  campaignId: r.campaign_id,
  number: r.number,
  ordinal: Number(r.ordinal),
  text: r.text,
  subItems: json(r.sub_items, []),
  deadline: r.deadline,
  deadlineText: r.deadline_text,
  owner: r.owner,
  state: r.state,
  steps: json(r.steps, []),
  supervision: json(r.supervision, null),
  visits: json(r.visits, []),
  escalations: json(r.escalations, []),
  evaluation: json(r.evaluation, null),
  remarks: r.remarks,
  publishedAt: num(r.published_at),
  listedAt: num(r.listed_at),
  remindedAt: num(r.reminded_at),
  overdueAt: num(r.overdue_at),
  region: r.region_code,
  enterprise: r.enterprise_id,
  version: Number(r.version),
  originNode: r.origin_node,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toRow = (t: Task): CampaignTasksTable => ({
  id: t.id,
  campaign_id: t.campaignId,
  number: t.number,
  ordinal: t.ordinal,
  text: t.text,
  sub_items: JSON.stringify(t.subItems),
  deadline: t.deadline,
  deadline_text: t.deadlineText,
  owner: t.owner,
  state: t.state,
  steps: JSON.stringify(t.steps),
  supervision: t.supervision === null ? null : JSON.stringify(t.supervision),
  visits: JSON.stringify(t.visits),
  escalations: JSON.stringify(t.escalations),
  evaluation: t.evaluation === null ? null : JSON.stringify(t.evaluation),
  remarks: t.remarks,
  published_at: t.publishedAt,
  listed_at: t.listedAt,
  reminded_at: t.remindedAt,
  overdue_at: t.overdueAt,
  region_code: t.region,
  enterprise_id: t.enterprise,
  version: t.version,
  origin_node: t.originNode,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
});

export async function insertTasks(db: Executor, tasks: readonly Task[]): Promise<void> {
  for (let i = 0; i < tasks.length; i += 200) await db.insertInto('campaign_tasks').values(tasks.slice(i, i + 200).map(toRow)).execute();
}

export async function findTask(db: Executor, id: string): Promise<Task | undefined> {
  const r = await db.selectFrom('campaign_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? taskFromRow(r) : undefined;
}

/** Writes the task if it is still at the version read; false when someone else changed it first. */
export async function updateTask(db: Executor, t: Task, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...set } = toRow(t);
  const r = await db.updateTable('campaign_tasks').set(set).where('id', '=', t.id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface TaskQuery {
  scope: ScopeFilter;
  campaign?: string;
  state?: string;
  region?: string;
  q?: string;
  deadlineBefore?: string;
  limit: number;
  offset: number;
}

export async function listTasks(db: Executor, q: TaskQuery) {
  let base = applyScope(db.selectFrom('campaign_tasks'), q.scope, 'region_code', 'enterprise_id');
  if (q.campaign) base = base.where('campaign_id', '=', q.campaign);
  if (q.state) base = base.where('state', '=', q.state);
  if (q.region) base = whereRegionPrefix(base, 'region_code', q.region);
  if (q.q) base = base.where('text', 'like', `%${q.q}%`);
  if (q.deadlineBefore) base = base.where('deadline', '<', q.deadlineBefore);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('campaign_id').orderBy('ordinal').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(taskFromRow), total: Number(total.n) };
}

/** Every task of a campaign in order (ledger export and evaluation walk these in pages). */
export async function pageCampaignTasks(db: Executor, campaign: string, afterOrdinal: number, limit: number): Promise<Task[]> {
  return (await db.selectFrom('campaign_tasks').selectAll().where('campaign_id', '=', campaign).where('ordinal', '>', afterOrdinal).orderBy('ordinal').limit(limit).execute()).map(taskFromRow);
}

export async function maxOrdinal(db: Executor, campaign: string): Promise<number> {
  const r = await db.selectFrom('campaign_tasks').select((eb) => eb.fn.max('ordinal').as('m')).where('campaign_id', '=', campaign).executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Published tasks under listed supervision or beyond (公开信息: the public page). */
export async function listPublicTasks(db: Executor, limit: number, offset: number) {
  const base = db.selectFrom('campaign_tasks').where('listed_at', 'is not', null).where('published_at', 'is not', null);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('listed_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(taskFromRow), total: Number(total.n) };
}

/**
 * Open tasks owned here that the deadline job still has to act on: `remind` — due within the window and
 * not yet reminded; `overdue` — past the deadline and not yet marked overdue.
 */
export async function tasksForDeadlineJob(db: Executor, which: 'remind' | 'overdue', q: { states: readonly string[]; today: string; until: string; origin: string; limit: number }): Promise<Task[]> {
  let base = db.selectFrom('campaign_tasks').selectAll().where('state', 'in', q.states as string[]).where('origin_node', '=', q.origin).where('deadline', 'is not', null);
  base = which === 'remind' ? base.where('reminded_at', 'is', null).where('deadline', '>=', q.today).where('deadline', '<=', q.until) : base.where('overdue_at', 'is', null).where('deadline', '<', q.today);
  return (await base.orderBy('deadline').limit(q.limit).execute()).map(taskFromRow);
}
