import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { canSee, requireAccess, type Principal } from '../../domain/access/policy.ts';
import { refuseAcceptance, refuseSupervision, SUPERVISING_LEVELS, type Acceptance, type SupervisingLevel, type Supervision } from '../../domain/dualprev/index.ts';
import { Conflict, Forbidden, NotFound } from '../../domain/errors.ts';
import type { Executor } from '../../store/db.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findHazard, updateHazard, type HazardRow } from '../../store/repos/dualprev/hazards.ts';
import type { Deps } from '../context.ts';
import type { Order, OrderContext, OrderRouter } from '../network/orders.ts';
import { presentHazard, type HazardView } from './hazard-view.ts';

/**
 * Listed supervision travels down (挂牌督办): a supervising department puts a major hazard under
 * listed supervision, and later accepts its close-out (销号验收), wherever the hazard is kept. On a
 * hazard kept at this node the mark is made here; on one kept below, it travels as a
 * `hazard.supervise` / `hazard.accept` order to the hazard's origin, is applied there once, and the
 * changed hazard comes back up through the outbox, so every level shows one state.
 */
export const HAZARD_SUPERVISE = 'hazard.supervise';
export const HAZARD_ACCEPT = 'hazard.accept';

const level = z.enum(SUPERVISING_LEVELS);
const superviseBody = z.strictObject({ hazardId: z.string().min(1), level, body: z.string().min(1), order: z.string().min(1), deadline: z.number().int() });
const acceptBody = z.strictObject({ hazardId: z.string().min(1), level, body: z.string().min(1), note: z.string().nullable() });

export type SupervisionNetwork = { orders: OrderRouter; directives: { wake(nodes: string[]): void } };
export interface SuperviseInput {
  /** The order's text (督办令); by default a demand to rectify by the deadline. */
  order?: string;
  /** By default the hazard's own rectification deadline. */
  deadline?: number;
  /** The version the hazard was read at, when given. */
  version?: number;
  /** The supervising body; by default this node's region's emergency management department. */
  body?: string;
}
export type Sent = HazardView & { pending?: { orderId: string; action: 'supervise' | 'accept' } };

const listed = (r: HazardRow) => {
  const v = presentHazard(r, 0);
  return { grade: v.grade, state: v.state, supervision: v.supervision, acceptance: v.supervisionAcceptance };
};

export function createSupervision(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'config' | 'regions'>) {
  const { db } = deps.store;
  let network: SupervisionNetwork | null = null;

  function here(): SupervisingLevel {
    const l = deps.config.level;
    if (l === 'enterprise') throw new Forbidden('Listed supervision is the supervising department’s (由监管部门挂牌督办)', 'supervisor_only');
    return l;
  }
  const defaultBody = () => `${deps.regions.get(deps.config.region)?.name ?? deps.config.region}应急管理部门`;

  function changed(op: string, r: HazardRow) {
    deps.events.publish('record.changed', { entity: 'hazard', id: r.id, op, regionCode: r.region_code, enterpriseId: r.enterprise_id });
  }

  /** Marks the hazard in `tx`; a refused or replayed mark leaves it as it is. Returns the row written, or null. */
  async function mark(tx: Executor, id: string, kind: 'supervise' | 'accept', set: (r: HazardRow) => Partial<HazardRow> | null, by: { id: string | null; name: string | null }, extra: Record<string, unknown>, now: number) {
    const before = await findHazard(tx, id);
    if (!before) return null;
    const patch = set(before);
    if (!patch) return null;
    const row: HazardRow = { ...before, ...patch, version: before.version + 1, updated_at: now };
    if (!(await updateHazard(tx, row, before.version))) return null;
    await appendChange(tx, { actorId: by.id ?? '', actorName: by.name ?? '', entity: 'hazard', entityId: id, op: kind, changes: { ...patch, ...extra }, originNode: deps.nodeId, at: now, reason: null });
    return row;
  }

  const supervisePatch = (s: Supervision) => (r: HazardRow) =>
    refuseSupervision(listed(r)) ? null : { supervision: JSON.stringify(s), supervised_at: s.at, supervised_by: s.by };
  const acceptPatch = (a: Acceptance) => (r: HazardRow) => (refuseAcceptance(listed(r)) ? null : { supervision_acceptance: JSON.stringify(a) });

  /** Applies an order that landed here, once: a replay or a refused mark leaves the hazard alone. */
  function handler(kind: 'supervise' | 'accept') {
    return {
      kind: kind === 'supervise' ? HAZARD_SUPERVISE : HAZARD_ACCEPT,
      async apply(tx: Executor, order: Order, ctx: OrderContext) {
        const by = order.issuedBy;
        const who = { id: by.actorId, name: by.actorName };
        const extra = { order: { orderId: order.orderId, node: by.node, level: by.level ?? null } };
        let row: HazardRow | null;
        if (kind === 'supervise') {
          const p = superviseBody.safeParse(order.body);
          if (!p.success) return;
          const b = p.data;
          const s: Supervision = { level: b.level, body: b.body, order: b.order, deadline: b.deadline, at: order.issuedAt, by: by.actorName, byId: by.actorId, orderId: order.orderId };
          row = await mark(tx, b.hazardId, kind, supervisePatch(s), who, extra, ctx.now);
        } else {
          const p = acceptBody.safeParse(order.body);
          if (!p.success) return;
          const b = p.data;
          const a: Acceptance = { level: b.level, body: b.body, note: b.note, at: order.issuedAt, by: by.actorName, byId: by.actorId, orderId: order.orderId };
          row = await mark(tx, b.hazardId, kind, acceptPatch(a), who, extra, ctx.now);
        }
        // After the order's transaction has committed (the downlink commits right after the handler).
        if (row) setImmediate(() => changed(kind, row));
      },
    };
  }

  async function visible(actor: Principal, id: string, version?: number) {
    const r = await findHazard(db, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Hazard ${id} not found (隐患不存在)`);
    requireAccess(actor, 'hazard.supervise', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Hazard');
    if (version !== undefined && version !== r.version) {
      throw new Conflict(`The hazard was changed by someone else (version ${r.version}, yours ${version}); reload and retry (记录已被他人修改)`, { current: presentHazard(r, deps.now()) }, 'stale_version');
    }
    return r;
  }

  /** Here when the hazard is kept here, else sent toward its origin: the answer names the order pending. */
  async function decide(actor: Principal, r: HazardRow, kind: 'supervise' | 'accept', body: Record<string, unknown>, local: (tx: Executor) => Promise<HazardRow | null>): Promise<Sent> {
    const now = deps.now();
    if (r.origin_node === deps.nodeId || !network) {
      const row = await db.transaction().execute(local);
      if (!row) return presentHazard((await findHazard(db, r.id))!, now);
      changed(kind, row);
      return presentHazard(row, now);
    }
    const n = network;
    const issuedBy = { actorId: actor.id, actorName: actor.name, role: actor.role, level: deps.config.level };
    const order: Order = { orderId: uuidv7(), kind: kind === 'supervise' ? HAZARD_SUPERVISE : HAZARD_ACCEPT, target: { origin: r.origin_node }, body: { hazardId: r.id, ...body }, issuedBy: { ...issuedBy, node: deps.nodeId }, issuedAt: now };
    const sent = await db.transaction().execute((tx) => n.orders.dispatch(tx, order));
    if (sent.child) n.directives.wake([sent.child]);
    const after = (await findHazard(db, r.id)) ?? r;
    if (sent.appliedHere) {
      changed(kind, after);
      return presentHazard(after, now);
    }
    return { ...presentHazard(after, now), pending: { orderId: order.orderId, action: kind } };
  }

  return {
    /** Registers the order handlers with the node's router (at start, once). */
    connect(n: SupervisionNetwork) {
      network = n;
      n.orders.register(handler('supervise'));
      n.orders.register(handler('accept'));
    },

    /** Puts a major hazard under listed supervision (挂牌督办). */
    async supervise(actor: Principal, id: string, input: SuperviseInput): Promise<Sent> {
      const r = await visible(actor, id, input.version);
      const lvl = here();
      const refused = refuseSupervision(listed(r));
      if (refused) throw refused;
      const deadline = input.deadline ?? Number(r.deadline);
      const body = { level: lvl, body: input.body?.trim() || defaultBody(), order: input.order?.trim() || '重大事故隐患挂牌督办，限期整改销号', deadline };
      const now = deps.now();
      const s: Supervision = { ...body, at: now, by: actor.name, byId: actor.id, orderId: null };
      return decide(actor, r, 'supervise', body, (tx) => mark(tx, id, 'supervise', supervisePatch(s), actor, {}, now));
    },

    /** Accepts the close-out of a listed hazard (督办销号验收), lifting the listing. */
    async accept(actor: Principal, id: string, input: { note?: string | null; body?: string; version?: number }): Promise<Sent> {
      const r = await visible(actor, id, input.version);
      const lvl = here();
      const refused = refuseAcceptance(listed(r));
      if (refused) throw refused;
      const body = { level: lvl, body: input.body?.trim() || listed(r).supervision?.body || defaultBody(), note: input.note?.trim() || null };
      const now = deps.now();
      const a: Acceptance = { ...body, at: now, by: actor.name, byId: actor.id, orderId: null };
      return decide(actor, r, 'accept', body, (tx) => mark(tx, id, 'accept', acceptPatch(a), actor, {}, now));
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervision>;
