import { z } from 'zod';
import type { Principal } from '../../domain/access/policy.ts';
import { FINDING_GRADES } from '../../domain/enforcement/inspections.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findHazard, insertHazard, type HazardRow } from '../../store/repos/dualprev/hazards.ts';
import { regionColumns } from '../../store/repos/dualprev/place.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { presentHazard } from '../dualprev/hazards.ts';
import type { Order, OrderContext, OrderRouter } from '../network/orders.ts';

/**
 * An order to rectify travels down (责令限期整改): a finding made at a supervising node about a site
 * kept by a node below (an enterprise running its own node) opens its hazard in THAT node's ledger,
 * where the enterprise rectifies it. The hazard's id is made by the inspecting node, so that the
 * finding names it at once; the order is applied once at the site's node (a replay finds the hazard
 * there), and the hazard comes back up through the outbox like any change.
 */
export const HAZARD_OPEN = 'hazard.open';

export const hazardOpenBody = z.strictObject({
  hazardId: z.string().min(1).max(100),
  site: z.string().min(1).max(100),
  description: z.string().min(1),
  grade: z.enum(FINDING_GRADES),
  /** The last instant of the rectification deadline. */
  deadline: z.number().int(),
  inspection: z.string().min(1),
  finding: z.string().min(1),
});
export type HazardOpenBody = z.infer<typeof hazardOpenBody>;

export type EnforcementNetwork = { orders: OrderRouter; directives: { wake(nodes: string[]): void } };

/** Sends the hazard to the site's node in the caller's transaction; the child to wake after commit, if any. */
export async function sendHazardOpen(tx: Executor, n: EnforcementNetwork, actor: Principal, level: string, origin: string, body: HazardOpenBody) {
  return n.orders.issue(tx, { kind: HAZARD_OPEN, target: { origin }, body, issuedBy: { actorId: actor.id, actorName: actor.name, role: actor.role, level } });
}

export function hazardOpenHandler(deps: Pick<Deps, 'events'>) {
  return {
    kind: HAZARD_OPEN,
    async apply(tx: Executor, order: Order, ctx: OrderContext): Promise<void> {
      const parsed = hazardOpenBody.safeParse(order.body);
      if (!parsed.success) return;
      const b = parsed.data;
      if (await findHazard(tx, b.hazardId)) return;
      const site = await findSite(tx, b.site);
      if (!site) return;
      const by = order.issuedBy;
      const row: HazardRow = {
        id: b.hazardId,
        region_code: site.region,
        ...regionColumns(site.region),
        enterprise_id: site.enterprise,
        site_id: site.id,
        version: 1,
        origin_node: ctx.nodeId,
        created_at: ctx.now,
        updated_at: ctx.now,
        description: b.description,
        location: null,
        category: null,
        grade: b.grade,
        criterion_id: null,
        source: 'inspection',
        source_ref: b.inspection,
        risk_id: null,
        photos: '[]',
        deadline: b.deadline,
        state: 'registered',
        plan: null,
        rectification: null,
        rectified_at: null,
        rectified_by: null,
        rectified_by_name: null,
        verified_at: null,
        verified_by: null,
        verified_by_name: null,
        verification_note: null,
        closed_at: null,
        closed_by: null,
        rejections: 0,
        reported_by: by.actorId,
        reported_by_name: by.actorName,
        overdue_at: null,
        escalation_tier: null,
        escalated_at: null,
        supervised_at: null,
        supervised_by: null,
      };
      if (!(await insertHazard(tx, row))) return;
      const issued = { orderId: order.orderId, node: by.node, level: by.level ?? null, inspection: b.inspection, finding: b.finding };
      await appendChange(tx, { actorId: by.actorId ?? '', actorName: by.actorName ?? '', entity: 'hazard', entityId: row.id, op: 'create', changes: { ...presentHazard(row, ctx.now), order: issued }, originNode: ctx.nodeId, at: ctx.now });
      // After the order's transaction has committed (the downlink commits right after the handler).
      setImmediate(() => deps.events.publish('record.changed', { entity: 'hazard', id: row.id, op: 'create', regionCode: row.region_code, enterpriseId: row.enterprise_id }));
    },
  };
}
