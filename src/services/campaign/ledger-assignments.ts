import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { canSee, requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { assignmentActions, assignmentTransition, ASSIGNMENT_STATE_LABELS, type AssignmentState } from '../../domain/campaign/assignment-loop.ts';
import { rolledProgress } from '../../domain/campaign/rollup.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { isWithin } from '../../domain/regions/regions.ts';
import { assignmentsOfTasks, findAssignment, insertAssignment, listAssignments, updateAssignment, type Assignment, type AssignmentQuery } from '../../store/repos/campaign/assignments.ts';
import { findCampaign } from '../../store/repos/campaign/campaigns.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { findFile } from '../../store/repos/files.ts';
import type { Executor } from '../../store/db.ts';
import type { Order, OrderContext, OrderRouter } from '../network/orders.ts';
import { audit, checkClientId, checkVersion, type LedgerDeps } from './ledger-common.ts';
import type { TaskService } from './ledger-tasks.ts';

/** What travels down in a `task.assign` order: the new assignment, with what its assignee must see of the task. */
const assignBody = z.strictObject({
  id: z.string(),
  taskId: z.string(),
  campaignId: z.string(),
  parentId: z.string().nullable(),
  assignerRegion: z.string(),
  campaignName: z.string(),
  taskNumber: z.string(),
  taskText: z.string(),
  deadline: z.string(),
  region: z.string(),
  enterprise: z.string().nullable(),
});

/** A `task.review` order: the assigner's decision on a report, applied where the assignment is kept. */
const reviewBody = z.strictObject({
  assignmentId: z.string(),
  reviewId: z.string(),
  decision: z.enum(['accept', 'return']),
  reason: z.string().nullable(),
  version: z.number().int().nullable(),
});

export interface Assignee {
  id?: string;
  region?: string;
  enterprise?: string;
  deadline: string;
}

export interface ReportInput {
  progress: number;
  text?: string | null;
  files?: string[];
  round?: number | null;
  version?: number;
}

type Network = { orders: OrderRouter; directives: { wake(nodes: string[]): void } };

export function createAssignmentService(deps: LedgerDeps, network: Network, tasks: TaskService) {
  const { db } = deps.store;
  const regionName = (code: string) => deps.regions.get(code)?.name ?? null;
  const by = (actor: Principal) => ({ actorId: actor.id, actorName: actor.name, role: actor.role });

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<Assignment> {
    const a = await findAssignment(ex, id);
    if (!a || !canSee(actor, { regionCode: a.region, enterpriseId: a.enterprise })) throw new NotFound(`Assignment ${id} not found (交办任务不存在)`);
    return a;
  }

  /** The assignment as shown, with its rolled-up progress and its shares below, from its task's assignments held here. */
  function shape(a: Assignment, sameTask: readonly Assignment[]) {
    const rolled = rolledProgress(sameTask.map((x) => ({ id: x.id, parentId: x.parentId, progress: x.progress })));
    const children = sameTask.filter((c) => c.parentId === a.id);
    return {
      ...a,
      regionName: regionName(a.region),
      stateLabel: ASSIGNMENT_STATE_LABELS[a.state as AssignmentState] ?? a.state,
      actions: assignmentActions(a.state as AssignmentState),
      /** Held here: only here may it be reported (the assigner's copy came up through the outbox). */
      ownedHere: a.originNode === deps.nodeId,
      rolledProgress: rolled.get(a.id) ?? a.progress,
      children: children.map((c) => ({ id: c.id, region: c.region, regionName: regionName(c.region), enterprise: c.enterprise, state: c.state, deadline: c.deadline, progress: rolled.get(c.id) ?? c.progress })),
    };
  }

  async function present(a: Assignment, ex: Executor = db) {
    return shape(a, await assignmentsOfTasks(ex, [a.taskId]));
  }

  /** A page of assignments, their tasks' assignments read once. */
  async function presentAll(items: readonly Assignment[]) {
    const all = await assignmentsOfTasks(db, [...new Set(items.map((a) => a.taskId))]);
    const byTask = new Map<string, Assignment[]>();
    for (const x of all) byTask.set(x.taskId, [...(byTask.get(x.taskId) ?? []), x]);
    return items.map((a) => shape(a, byTask.get(a.taskId) ?? [a]));
  }

  /** Where the assignee sits, checked to lie below the assigner. */
  async function placeAssignee(actor: Principal, assignee: Assignee, below: string, ex: Executor): Promise<{ region: string; enterprise: string | null }> {
    if (!!assignee.region === !!assignee.enterprise) throw new Invalid('Assign to a region or an enterprise', [{ path: 'region', message: 'give one of region or enterprise' }]);
    let region = assignee.region ?? '';
    let enterprise: string | null = null;
    if (assignee.enterprise) {
      const e = await findEnterprise(ex, assignee.enterprise);
      if (!e || !canSee(actor, { regionCode: e.region, enterpriseId: e.id })) throw new Invalid('Unknown enterprise', [{ path: 'enterprise', message: `no enterprise ${assignee.enterprise} in your scope` }]);
      region = e.region;
      enterprise = e.id;
    } else if (!deps.regions.get(region)) {
      throw new Invalid('Unknown region', [{ path: 'region', message: `${region} is not a known GB/T 2260 code` }]);
    }
    const inside = enterprise ? isWithin(below, region) : region !== below && isWithin(below, region);
    if (!inside) throw new Invalid('An assignment goes to the level below', [{ path: enterprise ? 'enterprise' : 'region', message: `${enterprise ?? region} does not lie below ${below}` }]);
    return { region, enterprise };
  }

  /** Sends the assignment down to the node serving the assignee (applied here when this node serves it). */
  async function dispatch(actor: Principal, body: z.infer<typeof assignBody>) {
    const r = await db.transaction().execute((tx) => network.orders.issue(tx, { kind: 'task.assign', target: body.enterprise ? { enterprise: body.enterprise, region: body.region } : { region: body.region }, body, issuedBy: by(actor) }));
    if (r.child) network.directives.wake([r.child]);
    const here = await findAssignment(db, body.id);
    return { id: body.id, delivered: r.appliedHere ? ('here' as const) : ('sent' as const), via: r.child, assignment: here ? await present(here) : null };
  }

  async function existing(actor: Principal, id: string | undefined) {
    checkClientId(id);
    if (!id) return null;
    const a = await findAssignment(db, id);
    if (!a) return null;
    if (!canSee(actor, { regionCode: a.assignerRegion }) && !canSee(actor, { regionCode: a.region, enterpriseId: a.enterprise })) throw new Conflict(`Assignment id ${id} is taken`);
    return { id, delivered: 'here' as const, via: null, assignment: await present(a) };
  }

  /** The assigner's review, sent to the node that keeps the assignment. */
  async function review(actor: Principal, id: string, decision: 'accept' | 'return', req: { reason?: string | null; version?: number }) {
    const a = await findAssignment(db, id);
    // The assigner reviews: someone whose scope holds the assigning region (an enterprise never does).
    if (!a || !canSee(actor, { regionCode: a.assignerRegion }) || actor.enterpriseId) throw new NotFound(`Assignment ${id} not found (交办任务不存在)`);
    requirePermission(actor, 'campaign.manage');
    checkVersion('assignment', a, req.version);
    assignmentTransition(a.state as AssignmentState, decision);
    const body: z.infer<typeof reviewBody> = { assignmentId: a.id, reviewId: uuidv7(), decision, reason: req.reason ?? null, version: a.version };
    const r = await db.transaction().execute((tx) => network.orders.issue(tx, { kind: 'task.review', target: { origin: a.originNode }, body, issuedBy: by(actor) }));
    if (r.child) network.directives.wake([r.child]);
    const now = (await findAssignment(db, id))!;
    return { ...(await present(now)), review: { id: body.reviewId, decision, delivered: r.appliedHere ? ('here' as const) : ('sent' as const) } };
  }

  /** Creates the assignment where its assignee is served; a replay of the same order changes nothing. */
  async function applyAssign(tx: Executor, order: Order, ctx: OrderContext) {
    const b = assignBody.parse(order.body);
    if (await findAssignment(tx, b.id)) return;
    const a: Assignment = {
      id: b.id,
      taskId: b.taskId,
      campaignId: b.campaignId,
      parentId: b.parentId,
      assignerRegion: b.assignerRegion,
      assignerNode: order.issuedBy.node,
      campaignName: b.campaignName,
      taskNumber: b.taskNumber,
      taskText: b.taskText,
      deadline: b.deadline,
      state: 'assigned',
      progress: 0,
      evidence: { text: null, files: [] },
      reports: [],
      reviews: [],
      escalations: [],
      returnReason: null,
      reportedAt: null,
      acceptedAt: null,
      remindedAt: null,
      overdueAt: null,
      region: b.region,
      enterprise: b.enterprise,
      version: 1,
      originNode: ctx.nodeId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await insertAssignment(tx, a);
    await audit(tx, { id: order.issuedBy.actorId ?? '', name: order.issuedBy.actorName ?? '' }, ctx.nodeId, ctx.now, { entity: 'assignment', entityId: a.id, op: 'assign', changes: { task: a.taskId, region: a.region, enterprise: a.enterprise, deadline: a.deadline, by: order.issuedBy.node } });
    deps.events.publish('record.changed', { entity: 'assignment', id: a.id, op: 'assign', regionCode: a.region, enterpriseId: a.enterprise });
  }

  /** Applies a review once; a review that no longer fits (already applied, or the report moved on) is kept out. */
  async function applyReview(tx: Executor, order: Order, ctx: OrderContext) {
    const b = reviewBody.parse(order.body);
    const before = await findAssignment(tx, b.assignmentId);
    if (!before || before.reviews.some((r) => r.id === b.reviewId) || before.state !== 'reported') return;
    if (b.version !== null && b.version !== before.version) {
      // The assignee reported again after the assigner read it: the decision was about an earlier report.
      await audit(tx, { id: order.issuedBy.actorId ?? '', name: order.issuedBy.actorName ?? '' }, ctx.nodeId, ctx.now, { entity: 'assignment', entityId: before.id, op: 'review_refused', changes: { decision: b.decision, readAt: b.version, current: before.version }, reason: 'reported again after the review was made (审核后又有新的报送)' });
      return;
    }
    const state = assignmentTransition('reported', b.decision);
    const after: Assignment = {
      ...before,
      state,
      reviews: [...before.reviews, { id: b.reviewId, decision: b.decision, reason: b.reason, by: order.issuedBy.actorName, byId: order.issuedBy.actorId, at: ctx.now }],
      returnReason: b.decision === 'return' ? b.reason : null,
      acceptedAt: b.decision === 'accept' ? ctx.now : null,
      version: before.version + 1,
      updatedAt: ctx.now,
    };
    if (!(await updateAssignment(tx, after, before.version))) return;
    await audit(tx, { id: order.issuedBy.actorId ?? '', name: order.issuedBy.actorName ?? '' }, ctx.nodeId, ctx.now, { entity: 'assignment', entityId: after.id, op: b.decision, changes: { state: { from: before.state, to: state } }, reason: b.reason });
    deps.events.publish('record.changed', { entity: 'assignment', id: after.id, op: b.decision, regionCode: after.region, enterpriseId: after.enterprise });
  }

  network.orders.register({ kind: 'task.assign', apply: applyAssign });
  network.orders.register({ kind: 'task.review', apply: applyReview });

  return {
    visible,

    /** A task assigned by its owner to a region or an enterprise below, with its own deadline. */
    async assignTask(actor: Principal, taskId: string, assignee: Assignee) {
      const replay = await existing(actor, assignee.id);
      if (replay) return replay;
      const t = await tasks.visible(actor, taskId);
      requireAccess(actor, 'campaign.manage', { regionCode: t.region, enterpriseId: t.enterprise }, 'Task');
      const c = (await findCampaign(db, t.campaignId))!;
      const place = await placeAssignee(actor, assignee, t.region, db);
      return dispatch(actor, { id: assignee.id ?? uuidv7(), taskId: t.id, campaignId: c.id, parentId: null, assignerRegion: t.region, campaignName: c.name, taskNumber: t.number, taskText: t.text, deadline: assignee.deadline, ...place });
    },

    /** An assignment passed on to the level below (a city's share to its counties, a county's to its enterprises). */
    async passOn(actor: Principal, parentId: string, assignee: Assignee) {
      const replay = await existing(actor, assignee.id);
      if (replay) return replay;
      const p = await visible(actor, parentId);
      requireAccess(actor, 'campaign.manage', { regionCode: p.region, enterpriseId: p.enterprise }, 'Assignment');
      if (p.enterprise) throw new Invalid('An enterprise does not pass its assignment on', [{ path: 'id', message: 'assigned to an enterprise' }]);
      if (p.state === 'accepted') throw new Conflict(`The assignment is accepted already; nothing to pass on (state ${p.state}, action assign)`, { state: p.state, action: 'assign' });
      if (assignee.deadline > p.deadline) throw new Invalid('A share is due no later than the assignment it comes from', [{ path: 'deadline', message: `after ${p.deadline}` }]);
      const place = await placeAssignee(actor, assignee, p.region, db);
      return dispatch(actor, { id: assignee.id ?? uuidv7(), taskId: p.taskId, campaignId: p.campaignId, parentId: p.id, assignerRegion: p.region, campaignName: p.campaignName, taskNumber: p.taskNumber, taskText: p.taskText, deadline: assignee.deadline, ...place });
    },

    /** The assignee reports progress with evidence, at the node that keeps the assignment. */
    async report(actor: Principal, id: string, input: ReportInput) {
      const before = await visible(actor, id);
      requireAccess(actor, 'campaign.report', { regionCode: before.region, enterpriseId: before.enterprise }, 'Assignment');
      if (before.originNode !== deps.nodeId) throw new Conflict('Report at the node that serves the assignee; this is a copy kept for the assigner (请在本单位节点报送)', { state: before.state, action: 'report', ownedBy: before.originNode });
      checkVersion('assignment', before, input.version);
      const state = assignmentTransition(before.state as AssignmentState, 'report');
      const now = deps.now();
      const files = [...new Set(input.files ?? [])];
      const report = { id: uuidv7(), progress: input.progress, text: input.text ?? null, files, round: input.round ?? null, by: actor.name, byId: actor.id, at: now };
      const after: Assignment = {
        ...before,
        state,
        progress: input.progress,
        evidence: { text: input.text ?? before.evidence.text, files: [...new Set([...before.evidence.files, ...files])] },
        reports: [...before.reports, report],
        reportedAt: now,
        version: before.version + 1,
        updatedAt: now,
      };
      await db.transaction().execute(async (tx) => {
        for (const [i, f] of files.entries()) if (!(await findFile(tx, f))) throw new Invalid('Unknown evidence file', [{ path: `files.${i}`, message: `no file ${f}; upload it first (POST /api/v1/files)` }]);
        if (!(await updateAssignment(tx, after, before.version))) checkVersion('assignment', (await findAssignment(tx, id))!, before.version);
        await audit(tx, actor, deps.nodeId, now, { entity: 'assignment', entityId: id, op: 'report', changes: { state: { from: before.state, to: state }, progress: input.progress, files } });
      });
      deps.events.publish('record.changed', { entity: 'assignment', id, op: 'report', regionCode: after.region, enterpriseId: after.enterprise });
      return present(after);
    },

    accept: (actor: Principal, id: string, req: { version?: number }) => review(actor, id, 'accept', req),
    return: (actor: Principal, id: string, req: { reason: string; version?: number }) => review(actor, id, 'return', req),

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'campaign.read');
      const a = await findAssignment(db, id);
      if (!a || !(canSee(actor, { regionCode: a.region, enterpriseId: a.enterprise }) || (!actor.enterpriseId && canSee(actor, { regionCode: a.assignerRegion })))) throw new NotFound(`Assignment ${id} not found (交办任务不存在)`);
      return present(a);
    },

    async list(actor: Principal, q: Omit<AssignmentQuery, 'scope'>) {
      requirePermission(actor, 'campaign.read');
      const r = await listAssignments(db, { ...q, scope: scopeOf(actor) });
      return { items: await presentAll(r.items), total: r.total };
    },
  };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
