import { ESCALATION_TIERS, OPEN_STATES, daysOverdue, escalationTier, tiersBetween, type EscalationTier, type HazardGrade, type HazardState } from '../../domain/dualprev/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findHazard, listOverdueOpen, updateHazard } from '../../store/repos/dualprev/hazards.ts';
import type { Deps } from '../context.ts';
import type { DualPrevSettingsService } from './settings.ts';

const PAGE = 200;

/**
 * Marks hazards past their deadline and not rectified as overdue, and escalates each to the level its
 * days overdue call for, one change-log entry per level passed (enterprise → county → city →
 * province). Only this node's own hazards: a child escalates its own by its clock and forwards them.
 * Each page is one transaction, and each hazard is re-read inside it, so a hazard rectified meanwhile
 * is left alone.
 */
export function createOverdueJob(deps: Pick<Deps, 'store' | 'nodeId' | 'events'>, settings: DualPrevSettingsService) {
  const { db } = deps.store;

  return async function run(now: number): Promise<{ marked: number; escalated: number }> {
    const policy = (await settings.get()).overduePolicy;
    let marked = 0;
    let escalated = 0;
    const touched: { id: string; region: string; enterprise: string }[] = [];
    let offset = 0;
    for (;;) {
      const page = await listOverdueOpen(db, now, PAGE, deps.nodeId, offset);
      if (page.length === 0) break;
      let kept = 0;
      await db.transaction().execute(async (tx) => {
        for (const candidate of page) {
          const h = await findHazard(tx, candidate.id);
          if (!h || !OPEN_STATES.includes(h.state as HazardState)) continue;
          const days = daysOverdue(Number(h.deadline), now);
          if (days === null) continue;
          const current = (h.escalation_tier ?? 'enterprise') as EscalationTier;
          const target = escalationTier(h.grade as HazardGrade, days, policy);
          const steps = tiersBetween(current, target);
          const first = h.overdue_at === null;
          if (!first && steps.length === 0) {
            kept++;
            continue;
          }
          const row = { ...h, overdue_at: h.overdue_at ?? now, escalation_tier: steps.length ? target : current, escalated_at: steps.length ? now : h.escalated_at, version: h.version + 1, updated_at: now };
          if (!(await updateHazard(tx, row, h.version))) {
            kept++;
            continue;
          }
          const log = (op: string, changes: unknown) => appendChange(tx, { actorId: null, actorName: 'system', entity: 'hazard', entityId: h.id, op, changes, originNode: deps.nodeId, at: now });
          if (first) {
            marked++;
            await log('overdue', { deadline: Number(h.deadline), daysOverdue: days });
          }
          let from = current;
          for (const to of steps) {
            await log('escalate', { from, to, daysOverdue: days, policy: policy.source });
            from = to;
            escalated++;
          }
          if (steps.at(-1) !== ESCALATION_TIERS.at(-1)) kept++;
          touched.push({ id: h.id, region: h.region_code, enterprise: h.enterprise_id });
        }
      });
      // Rows that stay candidates keep their place in the ordering: skip past them next time.
      offset += kept;
      if (page.length < PAGE) break;
    }
    for (const t of touched) deps.events.publish('record.changed', { entity: 'hazard', id: t.id, op: 'escalate', regionCode: t.region, enterpriseId: t.enterprise });
    return { marked, escalated };
  };
}
