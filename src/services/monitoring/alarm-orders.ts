import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { ROLES, type Role } from '../../domain/access/roles.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { DomainError, Forbidden } from '../../domain/errors.ts';
import { CAUSES, transition, type AlarmAction } from '../../domain/monitoring/index.ts';
import type { Db, Executor } from '../../store/db.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findAlarm, insertAlarmAction, updateAlarm, type AlarmRow } from '../../store/repos/monitoring/alarms.ts';
import { findAlarmAction, insertAlarmOrder, listPendingAlarmOrders } from '../../store/repos/monitoring/alarm-orders.ts';
import type { Order, OrderContext, OrderRouter } from '../network/orders.ts';
import { fromLoop, toLoop } from './alarms.ts';

/**
 * One alarm, one state, at every level. An action a supervising level takes on an alarm owned by a
 * node below (verify, reject, close, comment) does not touch its copy here: it travels down as an
 * `alarm.act` order to the alarm's origin, where the handling loop applies it once — or records it
 * as refused with the reason when the state no longer allows it (two levels acting at once) — and
 * the changed alarm and its history come back up through the outbox, so every level converges.
 */
export const ALARM_ORDER = 'alarm.act';

const alarmAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ack'), note: z.string().optional() }),
  z.strictObject({ type: z.literal('analyse'), cause: z.enum(CAUSES), measures: z.string(), note: z.string().optional() }),
  z.strictObject({ type: z.literal('verify'), note: z.string().optional() }),
  z.strictObject({ type: z.literal('reject'), note: z.string() }),
  z.strictObject({ type: z.literal('close'), note: z.string().optional() }),
  z.strictObject({ type: z.literal('escalate') }),
  z.strictObject({ type: z.literal('comment'), note: z.string() }),
]);
const orderBody = z.strictObject({ alarmId: z.string().min(1), action: alarmAction });

export type Network = { orders: OrderRouter; directives: { wake(nodes: string[]): void } };

export interface AlarmOrderDeps {
  db: Db;
  nodeId: string;
  level: string;
  now: () => number;
  /** After the order's transaction: the live push, and a closed threshold alarm's point set free. */
  afterApplied(row: AlarmRow, action: AlarmAction): void;
}

export function createAlarmOrders(deps: AlarmOrderDeps) {
  let network: Network | null = null;

  /** Applies an order once, by its id; one the loop refuses is recorded as refused, never dropped. */
  async function apply(tx: Executor, order: Order, ctx: OrderContext) {
    const parsed = orderBody.safeParse(order.body);
    if (!parsed.success || (await findAlarmAction(tx, order.orderId))) return;
    const { alarmId, action } = parsed.data as { alarmId: string; action: AlarmAction };
    const before = await findAlarm(tx, alarmId);
    if (!before) return;
    const by = order.issuedBy;
    const role = (ROLES as readonly string[]).includes(by.role ?? '') ? (by.role as Role) : null;
    const who = { role: by.role ?? null, level: by.level ?? null, node: by.node, orderId: order.orderId, issuedAt: order.issuedAt };
    const record = (type: string, note: string | null, details: unknown) =>
      insertAlarmAction(tx, { id: order.orderId, alarm_id: alarmId, at: ctx.now, actor_id: by.actorId, actor_name: by.actorName, action: type, note, details: JSON.stringify(details) });
    let after;
    try {
      if (!role) throw new Forbidden(`The order names no role the loop knows (${by.role ?? 'none'})`, 'unknown_role');
      after = transition(toLoop(before), action, { kind: 'user', id: by.actorId ?? '', role }, ctx.now);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await record('refused', err.message, { ...who, requested: action, state: before.state, reason: err.message });
      await appendChange(tx, { actorId: by.actorId ?? '', actorName: by.actorName ?? '', entity: 'alarm', entityId: alarmId, op: 'refused', changes: { requested: action.type, state: before.state, reason: err.message, ...who }, originNode: ctx.nodeId, at: ctx.now });
      return;
    }
    await updateAlarm(tx, alarmId, before.state, { ...fromLoop(after), updated_at: ctx.now });
    await record(action.type, 'note' in action ? (action.note ?? null) : null, { ...action, ...who });
    await appendChange(tx, { actorId: by.actorId ?? '', actorName: by.actorName ?? '', entity: 'alarm', entityId: alarmId, op: action.type, changes: { ...action, state: after.state, ...who }, originNode: ctx.nodeId, at: ctx.now });
    const row = { ...before, ...fromLoop(after), updated_at: ctx.now };
    // Run once the order's transaction has committed (the downlink commits right after the handler).
    setImmediate(() => deps.afterApplied(row, action));
  }

  return {
    /** Registers the `alarm.act` handler with the node's order router (at start, once). */
    connect(n: Network) {
      network = n;
      n.orders.register({ kind: ALARM_ORDER, apply });
    },
    /** Whether an action on this alarm goes down as an order: it is owned by another node. */
    remote(row: AlarmRow): boolean {
      return network !== null && row.origin_node !== deps.nodeId;
    },
    /**
     * Sends the action to the alarm's origin. Applied here when this node is where the order lands
     * (the alarm came from above, or from no child); else kept as pending until its outcome comes back.
     */
    async send(actor: Principal, row: AlarmRow, action: AlarmAction): Promise<{ orderId: string; appliedHere: boolean }> {
      const n = network!;
      const orderId = uuidv7();
      const issuedAt = deps.now();
      const order: Order = {
        orderId,
        kind: ALARM_ORDER,
        target: { origin: row.origin_node },
        body: { alarmId: row.id, action },
        issuedBy: { node: deps.nodeId, actorId: actor.id, actorName: actor.name, role: actor.role, level: deps.level },
        issuedAt,
      };
      const r = await deps.db.transaction().execute(async (tx) => {
        const out = await n.orders.dispatch(tx, order);
        if (!out.appliedHere) {
          await insertAlarmOrder(tx, { id: orderId, alarm_id: row.id, action: action.type, body: JSON.stringify(action), issued_at: issuedAt, actor_id: actor.id, actor_name: actor.name, child: out.child });
        }
        return out;
      });
      if (r.child) n.directives.wake([r.child]);
      return { orderId, appliedHere: r.appliedHere };
    },
    /** Orders issued here still on their way: listed with the alarm until its update arrives. */
    async pending(alarmId: string) {
      return (await listPendingAlarmOrders(deps.db, alarmId)).map((o) => ({
        orderId: o.id,
        action: o.action,
        issuedAt: Number(o.issued_at),
        by: o.actor_name,
        byId: o.actor_id,
        via: o.child,
        body: JSON.parse(o.body) as unknown,
      }));
    },
  };
}

export type AlarmOrders = ReturnType<typeof createAlarmOrders>;
