import { canSee, requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Conflict, NotFound } from '../../domain/errors.ts';
import { rolledProgress, roots, taskProgress } from '../../domain/campaign/rollup.ts';
import { TASK_STATE_LABELS, taskActions, transition, type Step, type TaskAction, type TaskState } from '../../domain/campaign/task-loop.ts';
import { assignmentsOfTasks, type Assignment } from '../../store/repos/campaign/assignments.ts';
import { findTask, listTasks, updateTask, type Task, type TaskQuery } from '../../store/repos/campaign/tasks.ts';
import { listChanges } from '../../store/repos/change-log.ts';
import { presentChange } from '../registry/enterprises.ts';
import type { Executor } from '../../store/db.ts';
import { audit, checkVersion, type LedgerDeps } from './ledger-common.ts';

/** What an action carries besides its name; each action reads the fields it needs. */
export interface TaskActionRequest {
  action: TaskAction;
  version?: number;
  reason?: string | null;
  note?: string | null;
  /** handle: who answers for it and by when (限时办理). */
  owner?: string | null;
  deadline?: string | null;
  /** list: the supervision order (挂牌督办): who supervises, what is demanded, by when. */
  supervision?: { by: string; what: string; deadline: string };
  /** visit: a key-supervision visit (重点督导). */
  visit?: { by: string; findings: string; at?: number };
  /** evaluate: score and conclusion (考评). */
  evaluation?: { score?: number | null; conclusion: string };
  /** circulate: the notice (通报). */
  notice?: string | null;
}

export interface ProgressByAssignee {
  assignment: string;
  region: string;
  regionName: string | null;
  enterprise: string | null;
  state: string;
  deadline: string;
  progress: number;
}

export function createTaskService(deps: LedgerDeps) {
  const { db } = deps.store;
  const regionName = (code: string) => deps.regions.get(code)?.name ?? null;

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<Task> {
    const t = await findTask(ex, id);
    if (!t || !canSee(actor, { regionCode: t.region, enterpriseId: t.enterprise })) throw new NotFound(`Task ${id} not found (任务不存在)`);
    return t;
  }

  /** The task's progress rolled up from its assignments, by assignee. */
  function progressOf(assignments: readonly Assignment[]) {
    const rows = assignments.map((a) => ({ id: a.id, parentId: a.parentId, progress: a.progress }));
    const rolled = rolledProgress(rows);
    const byAssignee: ProgressByAssignee[] = roots(assignments.map((a) => ({ ...a, id: a.id, parentId: a.parentId }))).map((a) => ({
      assignment: a.id,
      region: a.region,
      regionName: regionName(a.region),
      enterprise: a.enterprise,
      state: a.state,
      deadline: a.deadline,
      progress: rolled.get(a.id) ?? 0,
    }));
    return { progress: taskProgress(rows), byAssignee };
  }

  function present(t: Task, assignments: readonly Assignment[]) {
    return { ...t, stateLabel: TASK_STATE_LABELS[t.state as TaskState] ?? t.state, actions: taskActions(t.state as TaskState), ...progressOf(assignments.filter((a) => a.taskId === t.id)) };
  }

  function applyAction(actor: Principal, before: Task, req: TaskActionRequest, now: number): Task {
    const to = transition(before.state as TaskState, req.action);
    const after: Task = { ...before, state: to, version: before.version + 1, updatedAt: now };
    const details: Record<string, unknown> = {};
    switch (req.action) {
      case 'handle':
        if (req.owner !== undefined) after.owner = req.owner;
        if (req.deadline !== undefined) {
          after.deadline = req.deadline;
          after.remindedAt = null;
          after.overdueAt = null;
        }
        Object.assign(details, { owner: after.owner, deadline: after.deadline });
        break;
      case 'publish':
        after.publishedAt = now;
        break;
      case 'list':
        after.supervision = { ...req.supervision, at: now, byId: actor.id };
        after.listedAt = now;
        details.supervision = req.supervision;
        break;
      case 'visit': {
        const v = { by: req.visit!.by, findings: req.visit!.findings, at: req.visit!.at ?? now, recordedBy: actor.name };
        after.visits = [...before.visits, v];
        details.visit = v;
        break;
      }
      case 'evaluate':
        after.evaluation = { ...req.evaluation, at: now, by: actor.name };
        details.evaluation = req.evaluation;
        break;
      case 'circulate':
        details.notice = req.notice ?? null;
        break;
      default:
        break;
    }
    if (req.note) details.note = req.note;
    const step: Step = { action: req.action, from: before.state, to, by: actor.name, byId: actor.id, at: now, reason: req.reason ?? null, ...(Object.keys(details).length ? { details } : {}) };
    after.steps = [...before.steps, step];
    return after;
  }

  return {
    visible,
    progressOf,

    async act(actor: Principal, id: string, req: TaskActionRequest) {
      const before = await visible(actor, id);
      requireAccess(actor, 'campaign.manage', { regionCode: before.region, enterpriseId: before.enterprise }, 'Task');
      if (before.originNode !== deps.nodeId) throw new Conflict('The task is kept by the level that raised it; this is a copy for the levels above (请在任务提出的节点办理)', { state: before.state, action: req.action, ownedBy: before.originNode }, 'owned_elsewhere');
      const now = deps.now();
      checkVersion('task', before, req.version, (t) => present(t, []));
      const after = applyAction(actor, before, req, now);
      const assignments = await db.transaction().execute(async (tx) => {
        if (!(await updateTask(tx, after, before.version))) {
          const current = (await findTask(tx, id))!;
          checkVersion('task', current, before.version, (t) => present(t, []));
        }
        const last = after.steps[after.steps.length - 1] as Step;
        await audit(tx, actor, deps.nodeId, now, { entity: 'task', entityId: id, op: req.action, changes: { state: { from: before.state, to: after.state }, ...((last.details as object) ?? {}) }, reason: req.reason ?? null });
        return assignmentsOfTasks(tx, [id]);
      });
      deps.events.publish('record.changed', { entity: 'task', id, op: req.action, regionCode: after.region, enterpriseId: after.enterprise });
      return present(after, assignments);
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'campaign.read');
      const t = await visible(actor, id);
      const assignments = await assignmentsOfTasks(db, [t.id]);
      return present(t, assignments);
    },

    async history(actor: Principal, id: string) {
      requirePermission(actor, 'campaign.read');
      const t = await visible(actor, id);
      return (await listChanges(db, 'task', t.id, 500, 0)).map((r) => ({ ...presentChange(r), reason: r.reason }));
    },

    async list(actor: Principal, q: Omit<TaskQuery, 'scope'>) {
      requirePermission(actor, 'campaign.read');
      const r = await listTasks(db, { ...q, scope: scopeOf(actor) });
      const assignments = await assignmentsOfTasks(db, r.items.map((t) => t.id));
      return { items: r.items.map((t) => present(t, assignments)), total: r.total };
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
