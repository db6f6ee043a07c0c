import { requirePlatformWide, type Principal } from '../../domain/access/policy.ts';
import { escalationTarget } from '../../domain/campaign/deadlines.ts';
import { OPEN_TASK_STATES } from '../../domain/campaign/task-loop.ts';
import { chinaDate } from '../../domain/enforcement/dates.ts';
import { assignmentsForDeadlineJob, updateAssignment, type Assignment } from '../../store/repos/campaign/assignments.ts';
import { tasksForDeadlineJob, updateTask, type Task } from '../../store/repos/campaign/tasks.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';
import { audit, type LedgerDeps } from './ledger-common.ts';

const DAY = 86_400_000;
const BATCH = 500;
export const REMIND_DAYS_KEY = 'campaign.remind_days';
export const DEFAULT_REMIND_DAYS = 3;

/**
 * Deadlines of the tasks and assignments kept at this node: a reminder some days before, and once
 * past, overdue — escalated to the level above the one that holds the item, recorded on the record
 * (which then travels up like any change).
 */
export function createDeadlineService(deps: LedgerDeps) {
  const { db } = deps.store;

  async function remindDays(): Promise<number> {
    const v = Number(await getSetting(db, REMIND_DAYS_KEY));
    return Number.isInteger(v) && v >= 0 ? v : DEFAULT_REMIND_DAYS;
  }

  async function markTask(t: Task, kind: 'reminder' | 'overdue', now: number): Promise<boolean> {
    const to = kind === 'overdue' ? escalationTarget(t.region, false) : { level: deps.config.level, region: t.region };
    const esc = { kind, level: to.level, region: to.region, at: now };
    const after: Task = { ...t, escalations: [...t.escalations, esc], remindedAt: t.remindedAt ?? now, overdueAt: kind === 'overdue' ? now : t.overdueAt, version: t.version + 1, updatedAt: now };
    return db.transaction().execute(async (tx) => {
      if (!(await updateTask(tx, after, t.version))) return false;
      await audit(tx, null, deps.nodeId, now, { entity: 'task', entityId: t.id, op: kind === 'overdue' ? 'escalate' : 'remind', changes: esc, reason: kind === 'overdue' ? `逾期：完成时限 ${t.deadline}` : `临近完成时限 ${t.deadline}` });
      return true;
    });
  }

  async function markAssignment(a: Assignment, kind: 'reminder' | 'overdue', now: number): Promise<boolean> {
    const to = kind === 'overdue' ? escalationTarget(a.region, a.enterprise !== null) : { level: a.enterprise ? 'enterprise' : deps.regions.get(a.region)?.level ?? 'county', region: a.region };
    const esc = { kind, level: to.level, region: to.region, at: now };
    const after: Assignment = { ...a, escalations: [...a.escalations, esc], remindedAt: a.remindedAt ?? now, overdueAt: kind === 'overdue' ? now : a.overdueAt, version: a.version + 1, updatedAt: now };
    return db.transaction().execute(async (tx) => {
      if (!(await updateAssignment(tx, after, a.version))) return false;
      await audit(tx, null, deps.nodeId, now, { entity: 'assignment', entityId: a.id, op: kind === 'overdue' ? 'escalate' : 'remind', changes: esc, reason: kind === 'overdue' ? `逾期：完成时限 ${a.deadline}` : `临近完成时限 ${a.deadline}` });
      return true;
    });
  }

  /** One pass over everything due; returns what was marked. */
  async function run(now = deps.now()) {
    const today = chinaDate(now);
    const until = chinaDate(now + (await remindDays()) * DAY);
    const counts = { reminders: 0, overdue: 0 };
    const q = { states: OPEN_TASK_STATES, today, until, origin: deps.nodeId, limit: BATCH };
    for (const which of ['overdue', 'remind'] as const) {
      const kind = which === 'overdue' ? 'overdue' : 'reminder';
      for (;;) {
        const ts = await tasksForDeadlineJob(db, which, q);
        let marked = 0;
        for (const t of ts) if (await markTask(t, kind, now)) marked++;
        const as = await assignmentsForDeadlineJob(db, which, q);
        for (const a of as) if (await markAssignment(a, kind, now)) marked++;
        counts[which === 'overdue' ? 'overdue' : 'reminders'] += marked;
        if ((ts.length < BATCH && as.length < BATCH) || marked === 0) break;
      }
    }
    return counts;
  }

  deps.scheduler.register({ name: 'campaign.deadlines', cron: '5 * * * *', run: async (due) => void (await run(Math.max(due, deps.now()))) });

  return {
    run,
    async settings() {
      return { remindDays: await remindDays() };
    },
    async putSettings(actor: Principal, s: { remindDays: number }) {
      requirePlatformWide(actor, 'settings.manage');
      const now = deps.now();
      await db.transaction().execute(async (tx) => {
        await putSetting(tx, REMIND_DAYS_KEY, String(s.remindDays), now);
        await audit(tx, actor, deps.nodeId, now, { entity: 'settings', entityId: REMIND_DAYS_KEY, op: 'update', changes: s });
      });
      return { remindDays: s.remindDays };
    },
  };
}

export type DeadlineService = ReturnType<typeof createDeadlineService>;
