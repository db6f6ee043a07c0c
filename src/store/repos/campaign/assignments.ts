import type { Executor } from '../../db.ts';
import { applyScope, whereRegionPrefix, type ScopeFilter } from '../scope.ts';
import type { TaskAssignmentsTable } from './tables.ts';
import './tables.ts';

export interface Evidence {
  text: string | null;
  files: string[];
}

export interface Report {
  id: string;
  progress: number;
  text: string | null;
  files: string[];
  round: number | null;
  by: string | null;
  byId: string | null;
  at: number;
}

export interface Review {
  id: string;
  decision: 'accept' | 'return';
  reason: string | null;
  by: string | null;
  byId: string | null;
  at: number;
}

export interface Escalation {
  kind: 'reminder' | 'overdue';
  level: string;
  region: string;
  at: number;
}

export interface Assignment {
  id: string;
  taskId: string;
  campaignId: string;
  parentId: string | null;
  assignerRegion: string;
  assignerNode: string;
  campaignName: string;
  taskNumber: string;
  taskText: string;
  deadline: string;
  state: string;
  progress: number;
  evidence: Evidence;
  reports: Report[];
  reviews: Review[];
  escalations: Escalation[];
  returnReason: string | null;
  reportedAt: number | null;
  acceptedAt: number | null;
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

export const assignmentFromRow = (r: TaskAssignmentsTable): Assignment => ({
  id: r.id,
  taskId: r.task_id,
  campaignId: r.campaign_id,
  parentId: r.parent_id,
  assignerRegion: r.assigner_region,
  assignerNode: r.assigner_node,
  campaignName: r.campaign_name,
  taskNumber: r.task_number,
  taskText: r.task_text,
  deadline: r.deadline,
  state: r.state,
  progress: Number(r.progress),
  evidence: JSON.parse(r.evidence),
  reports: JSON.parse(r.reports),
  reviews: JSON.parse(r.reviews),
  escalations: JSON.parse(r.escalations),
  returnReason: r.return_reason,
  reportedAt: num(r.reported_at),
  acceptedAt: num(r.accepted_at),
  remindedAt: num(r.reminded_at),
  overdueAt: num(r.overdue_at),
  region: r.region_code,
  enterprise: r.enterprise_id,
  version: Number(r.version),
  originNode: r.origin_node,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toRow = (a: Assignment): TaskAssignmentsTable => ({
  id: a.id,
  task_id: a.taskId,
  campaign_id: a.campaignId,
  parent_id: a.parentId,
  assigner_region: a.assignerRegion,
  assigner_node: a.assignerNode,
  campaign_name: a.campaignName,
  task_number: a.taskNumber,
  task_text: a.taskText,
  deadline: a.deadline,
  state: a.state,
  progress: a.progress,
  evidence: JSON.stringify(a.evidence),
  reports: JSON.stringify(a.reports),
  reviews: JSON.stringify(a.reviews),
  escalations: JSON.stringify(a.escalations),
  return_reason: a.returnReason,
  reported_at: a.reportedAt,
  accepted_at: a.acceptedAt,
  reminded_at: a.remindedAt,
  overdue_at: a.overdueAt,
  region_code: a.region,
  enterprise_id: a.enterprise,
  version: a.version,
  origin_node: a.originNode,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

export async function insertAssignment(db: Executor, a: Assignment): Promise<void> {
  await db.insertInto('task_assignments').values(toRow(a)).execute();
}

export async function findAssignment(db: Executor, id: string): Promise<Assignment | undefined> {
  const r = await db.selectFrom('task_assignments').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? assignmentFromRow(r) : undefined;
}

export async function updateAssignment(db: Executor, a: Assignment, expectedVersion: number): Promise<boolean> {
  const { id: _id, ...set } = toRow(a);
  const r = await db.updateTable('task_assignments').set(set).where('id', '=', a.id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface AssignmentQuery {
  scope: ScopeFilter;
  task?: string;
  campaign?: string;
  parent?: string;
  state?: string;
  region?: string;
  enterprise?: string;
  limit: number;
  offset: number;
}

export async function listAssignments(db: Executor, q: AssignmentQuery) {
  let base = applyScope(db.selectFrom('task_assignments'), q.scope, 'region_code', 'enterprise_id');
  if (q.task) base = base.where('task_id', '=', q.task);
  if (q.campaign) base = base.where('campaign_id', '=', q.campaign);
  if (q.parent) base = base.where('parent_id', '=', q.parent);
  if (q.state) base = base.where('state', '=', q.state);
  if (q.region) base = whereRegionPrefix(base, 'region_code', q.region);
  if (q.enterprise) base = base.where('enterprise_id', '=', q.enterprise);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('deadline').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(assignmentFromRow), total: Number(total.n) };
}

/** Every assignment of the given tasks (roll-up; the ledger). */
export async function assignmentsOfTasks(db: Executor, taskIds: readonly string[]): Promise<Assignment[]> {
  const out: Assignment[] = [];
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db.selectFrom('task_assignments').selectAll().where('task_id', 'in', taskIds.slice(i, i + 500) as string[]).execute();
    out.push(...rows.map(assignmentFromRow));
  }
  return out;
}

/** A campaign's assignments within a region prefix (evaluation, reporting rounds). */
export async function assignmentsOfCampaign(db: Executor, campaign: string, regionPrefix: string): Promise<Assignment[]> {
  return (await whereRegionPrefix(db.selectFrom('task_assignments').selectAll().where('campaign_id', '=', campaign), 'region_code', regionPrefix).execute()).map(assignmentFromRow);
}

/** Open assignments owned here that the deadline job still has to act on (see tasksForDeadlineJob). */
export async function assignmentsForDeadlineJob(db: Executor, which: 'remind' | 'overdue', q: { today: string; until: string; origin: string; limit: number }): Promise<Assignment[]> {
  let base = db.selectFrom('task_assignments').selectAll().where('state', 'in', ['assigned', 'returned']).where('origin_node', '=', q.origin);
  base = which === 'remind' ? base.where('reminded_at', 'is', null).where('deadline', '>=', q.today).where('deadline', '<=', q.until) : base.where('overdue_at', 'is', null).where('deadline', '<', q.today);
  return (await base.orderBy('deadline').limit(q.limit).execute()).map(assignmentFromRow);
}
