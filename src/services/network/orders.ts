import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { Invalid } from '../../domain/errors.ts';
import { isWithin } from '../../domain/regions/regions.ts';
import type { Executor } from '../../store/db.ts';
import { insertDirective } from '../../store/repos/network/directives.ts';
import { listOwnChildren } from '../../store/repos/network/nodes.ts';
import { originRoute } from '../../store/repos/network/apply.ts';

/**
 * Orders downward: what a supervising level decides about a record or a place below it (a hazard put
 * under listed supervision, an alarm verified, a task assigned, an order to rectify) travels down hop
 * by hop through the directive channel to the node that owns the record or serves the place, and is
 * applied there once, by the capability's handler. The record's new state then comes back up through
 * the outbox like any change, so every level converges on one state.
 */
export const orderTarget = z
  .strictObject({
    /** The node that owns the record acted on (its records' origin). */
    origin: z.string().min(1).max(100).optional(),
    /** Or a place: the node serving this region or enterprise applies it (an enterprise without a node of its own: its county). */
    region: z.string().regex(/^\d{6}$/).optional(),
    enterprise: z.string().min(1).max(100).optional(),
  })
  .refine((t) => t.origin || t.region || t.enterprise, 'an order names the owner of its record, or a region or enterprise');

export const orderPayload = z
  .strictObject({
    /** Stable across hops: the handler applies an order once by this id. */
    orderId: z.string().min(1).max(100),
    /** The handler's name, e.g. `hazard.supervise`, `alarm.act`, `task.assign`. */
    kind: z.string().min(1).max(60),
    target: orderTarget,
    body: z.unknown(),
    issuedBy: z.strictObject({ node: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), role: z.string().nullable().optional(), level: z.string().nullable().optional() }),
    issuedAt: z.number().int(),
  })
  .meta({ id: 'OrderPayload' });
export type Order = z.infer<typeof orderPayload>;

/** What a handler learns about where it runs. */
export interface OrderContext {
  nodeId: string;
  now: number;
}

/** A capability's handling of one kind of order at the node where it lands; it must not throw for a replay. */
export interface OrderHandler {
  kind: string;
  apply(tx: Executor, order: Order, ctx: OrderContext): Promise<void>;
}

export type OrderRoute = { apply: true } | { apply: false; child: string };

export interface OrderRouterDeps {
  nodeId: string;
  now: () => number;
  /** Where this node sits: orders for places at or above it are applied here. */
  level: string;
  region: string;
}

/** Routes orders down and applies those that land here; handlers are registered by capabilities at start. */
export function createOrderRouter(deps: OrderRouterDeps) {
  const handlers = new Map<string, OrderHandler>();

  /** Which way an order goes from this node: applied here, or to the child registered here on its way. */
  async function route(tx: Executor, t: Order['target']): Promise<OrderRoute> {
    if (t.origin) {
      if (t.origin === deps.nodeId) return { apply: true };
      const via = await originRoute(tx, t.origin);
      const children = await listOwnChildren(tx);
      const child = children.find((c) => c.id === via);
      // A record this node learnt from no child (its own, or one from above): it is applied here.
      return child ? { apply: false, child: child.id } : { apply: true };
    }
    const children = await listOwnChildren(tx);
    const byEnterprise = t.enterprise ? children.find((c) => c.enterprise_id === t.enterprise) : undefined;
    if (byEnterprise) return { apply: false, child: byEnterprise.id };
    const region = t.region;
    if (region) {
      // The deepest registered child whose region holds the place.
      const holders = children.filter((c) => !c.enterprise_id && isWithin(c.region_code, region)).sort((a, b) => b.region_code.localeCompare(a.region_code));
      const nearest = holders.find((c) => c.region_code === region) ?? holders[0];
      if (nearest) return { apply: false, child: nearest.id };
    }
    return { apply: true };
  }

  /** Sends an order on its way in the caller's transaction; returns the child to wake after commit, if any. */
  async function dispatch(tx: Executor, order: Order): Promise<{ appliedHere: boolean; child: string | null }> {
    const r = await route(tx, order.target);
    if (r.apply) {
      const h = handlers.get(order.kind);
      if (!h) throw new Invalid(`No handler for orders of kind ${order.kind} on this node`);
      await h.apply(tx, order, { nodeId: deps.nodeId, now: deps.now() });
      return { appliedHere: true, child: null };
    }
    await insertDirective(tx, { id: uuidv7(), node_id: r.child, kind: 'order', payload: JSON.stringify(order), created_at: deps.now(), created_by: order.issuedBy.actorName, acked_at: null });
    return { appliedHere: false, child: r.child };
  }

  return {
    register(h: OrderHandler) {
      if (handlers.has(h.kind)) throw new Error(`Order handler ${h.kind} registered twice`);
      handlers.set(h.kind, h);
    },
    route,
    dispatch,
    /** A new order issued at this node by a person. */
    issue(tx: Executor, o: Omit<Order, 'orderId' | 'issuedAt' | 'issuedBy'> & { issuedBy: Omit<Order['issuedBy'], 'node'> }) {
      return dispatch(tx, { ...o, orderId: uuidv7(), issuedAt: deps.now(), issuedBy: { ...o.issuedBy, node: deps.nodeId } });
    },
    /** An order received from the parent (a directive of kind 'order'): applied here or passed on. */
    receive(tx: Executor, payload: unknown) {
      const r = orderPayload.safeParse(payload);
      if (!r.success) throw new Invalid(`Invalid order: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return dispatch(tx, r.data);
    },
  };
}

export type OrderRouter = ReturnType<typeof createOrderRouter>;
