import { uuidv7 } from 'uuidv7';
import { ENTERPRISE_ROLES } from '../../domain/access/roles.ts';
import { canSee, requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Conflict, DomainError, Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import type { Weakening } from '../../domain/monitoring/index.ts';
import type { ChangeKind, ChangeRequestView } from '../../domain/monitoring/change-request.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { decideChangeRequest, findChangeRequest, insertChangeRequest, listChangeRequests, type ChangeRequestRow } from '../../store/repos/monitoring/change-requests.ts';
import type { Sensor } from '../../store/repos/monitoring/sensors.ts';
import { findSite, type Site } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import type { Order, OrderContext, OrderRouter } from '../network/orders.ts';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { SensorPatch } from './sensor-inputs.ts';

type Change = Omit<SensorPatch, 'version'>;
type ApplyApproved = (tx: Executor, actor: Principal, site: Site, sensorId: string, kind: string, change: Change) => Promise<unknown>;

/** The supervising level's decision, travelling down to the node that keeps the request (and the sensor). */
export const CHANGE_REQUEST_ORDER = 'monitoring.change_request';
const decisionBody = z.strictObject({ requestId: z.string().min(1), decision: z.enum(['approved', 'refused']), reason: z.string().nullable() });
type Network = { orders: OrderRouter; directives: { wake(nodes: string[]): void } };

export type { ChangeKind };

export function presentChangeRequest(r: ChangeRequestRow): ChangeRequestView<Change> {
  return {
    id: r.id,
    siteId: r.site_id,
    sensorId: r.sensor_id,
    region: r.region_code,
    enterprise: r.enterprise_id,
    kind: r.kind as ChangeKind,
    change: JSON.parse(r.change) as Change,
    weakens: JSON.parse(r.weakens) as Weakening[],
    state: r.state as 'pending' | 'approved' | 'refused',
    requestedBy: r.requested_by,
    requestedAt: Number(r.requested_at),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    reason: r.reason,
    version: r.version,
  };
}

/**
 * Change requests (变更申请): what an enterprise asked that would weaken a regulated sensor, waiting
 * for the supervising level. Approving applies the change as it was asked on the sensor as it is now;
 * refusing keeps the sensor as it is, with the reason. Until then the effective values stay.
 */
export function createChangeRequests(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'config'>, applyApproved: ApplyApproved) {
  const { db } = deps.store;

  async function visible(actor: Principal, id: string) {
    const r = await findChangeRequest(db, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Change request ${id} not found (变更申请不存在)`);
    return r;
  }

  /** The supervising level decides: an officer or administrator whose scope holds the sensor, never the enterprise. */
  function requireSupervisor(actor: Principal, r: ChangeRequestRow) {
    requireAccess(actor, 'monitoring.configure', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Change request');
    if ((ENTERPRISE_ROLES as readonly string[]).includes(actor.role)) throw new Forbidden('The supervising level decides on a change that weakens regulated monitoring (须由监管部门审批)', 'supervisor_only');
    if (r.state !== 'pending') throw new Conflict(`The change request is already ${r.state}`, { state: r.state }, 'illegal_transition');
  }

  let network: Network | null = null;

  async function decide(tx: Executor, actor: Pick<Principal, 'id' | 'name'>, r: ChangeRequestRow, state: 'approved' | 'refused', reason: string | null, now: number) {
    if (!(await decideChangeRequest(tx, r.id, { state, decided_by: actor.name, decided_by_id: actor.id, decided_at: now, reason, updated_at: now }))) throw new Conflict('The change request was decided meanwhile; reload');
    await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'monitoring_change_request', entityId: r.id, op: state === 'approved' ? 'approve' : 'refuse', changes: { sensor: r.sensor_id, kind: r.kind, reason }, originNode: deps.nodeId, at: now });
  }

  /**
   * Applies a decision where the request is kept, once: an approval the sensor no longer takes (it was
   * changed meanwhile into something the change cannot apply to) is recorded as refused, with why.
   */
  async function settle(tx: Executor, actor: Principal, r: ChangeRequestRow, decision: 'approved' | 'refused', reason: string | null) {
    const now = deps.now();
    if (decision === 'refused') return decide(tx, actor, r, 'refused', reason, now);
    const site = await findSite(tx, r.site_id);
    if (!site) return decide(tx, actor, r, 'refused', 'the site is no longer known here', now);
    const sensor = await applyApproved(tx, actor, site, r.sensor_id, r.kind, JSON.parse(r.change) as Change);
    await decide(tx, actor, r, 'approved', null, now);
    return sensor;
  }

  /** The `monitoring.change_request` handler: the decision of a level above, at the node that keeps the request. */
  async function applyOrder(tx: Executor, order: Order, _ctx: OrderContext) {
    const b = decisionBody.safeParse(order.body);
    if (!b.success) return;
    const r = await findChangeRequest(tx, b.data.requestId);
    if (!r || r.state !== 'pending') return;
    const by = order.issuedBy;
    const actor: Principal = { kind: 'user', id: by.actorId ?? '', name: by.actorName ?? '', role: (by.role ?? 'county_officer') as Principal['role'], regionCode: null, enterpriseId: null };
    try {
      await settle(tx, actor, r, b.data.decision, b.data.reason);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await decide(tx, actor, r, 'refused', `approved, but could not be applied: ${err.message}`, deps.now());
    }
  }

  /** Decides here, or sends the decision down to the node below that keeps the request. */
  async function decideOrSend(actor: Principal, r: ChangeRequestRow, decision: 'approved' | 'refused', reason: string | null) {
    if (network && r.origin_node !== deps.nodeId) {
      const n = network;
      const out = await db.transaction().execute((tx) =>
        n.orders.issue(tx, { kind: CHANGE_REQUEST_ORDER, target: { origin: r.origin_node }, body: { requestId: r.id, decision, reason }, issuedBy: { actorId: actor.id, actorName: actor.name, role: actor.role, level: deps.config.level } }),
      );
      if (out.child) n.directives.wake([out.child]);
      const now = (await findChangeRequest(db, r.id))!;
      return out.appliedHere ? presentChangeRequest(now) : { ...presentChangeRequest(now), pending: { decision, via: out.child } };
    }
    const sensor = await db.transaction().execute((tx) => settle(tx, actor, r, decision, reason));
    deps.events.publish('record.changed', { entity: 'monitoring_change_request', id: r.id, op: decision, regionCode: r.region_code, enterpriseId: r.enterprise_id });
    const view = presentChangeRequest((await findChangeRequest(db, r.id))!);
    return sensor ? { ...view, sensor } : view;
  }

  return {
    /** Opens a request for a change the enterprise may not make alone (called by the sensor service). */
    async open(actor: Principal, site: Site, sensor: Sensor, kind: ChangeKind, change: Change, weakens: Weakening[], decidedHere = false) {
      const now = deps.now();
      const row = {
        id: uuidv7(),
        site_id: site.id,
        sensor_id: sensor.id,
        region_code: site.region,
        enterprise_id: site.enterprise,
        kind,
        change: JSON.stringify(change),
        weakens: JSON.stringify(weakens),
        // The supervising level switching a sensor off itself: recorded as its own approved decision.
        state: decidedHere ? 'approved' : 'pending',
        requested_by: actor.name,
        requested_by_id: actor.id,
        requested_at: now,
        decided_by: decidedHere ? actor.name : null,
        decided_by_id: decidedHere ? actor.id : null,
        decided_at: decidedHere ? now : null,
        reason: null,
        version: 1,
        origin_node: deps.nodeId,
        updated_at: now,
      };
      await db.transaction().execute(async (tx) => {
        await insertChangeRequest(tx, row);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'monitoring_change_request', entityId: row.id, op: 'create', changes: { sensor: sensor.id, site: site.code, kind, change, weakens }, originNode: deps.nodeId, at: now });
      });
      deps.events.publish('record.changed', { entity: 'monitoring_change_request', id: row.id, op: 'create', regionCode: site.region, enterpriseId: site.enterprise });
      return presentChangeRequest(row);
    },
    async list(actor: Principal, q: { state?: string; sensor?: string; limit: number; offset: number }) {
      requirePermission(actor, 'monitoring.read');
      return { items: (await listChangeRequests(db, { scope: scopeOf(actor), state: q.state, sensorId: q.sensor, limit: q.limit, offset: q.offset })).map(presentChangeRequest) };
    },
    async get(actor: Principal, id: string) {
      requirePermission(actor, 'monitoring.read');
      return presentChangeRequest(await visible(actor, id));
    },
    /** Approves and applies the change on the sensor as it is now (where the request is kept). */
    async approve(actor: Principal, id: string) {
      const r = await visible(actor, id);
      requireSupervisor(actor, r);
      return decideOrSend(actor, r, 'approved', null);
    },
    /** Refuses with a reason: the sensor stays as it is. */
    async refuse(actor: Principal, id: string, reason: string) {
      const r = await visible(actor, id);
      requireSupervisor(actor, r);
      if (!reason.trim()) throw new Invalid('A refusal gives its reason (请说明不予批准的理由)', [{ path: 'reason', message: 'required' }]);
      return decideOrSend(actor, r, 'refused', reason.trim());
    },
    /** Registers the decision handler with the node's order router (at start, once). */
    connect(n: Network) {
      network = n;
      n.orders.register({ kind: CHANGE_REQUEST_ORDER, apply: applyOrder });
    },
  };
}

export type ChangeRequests = ReturnType<typeof createChangeRequests>;
