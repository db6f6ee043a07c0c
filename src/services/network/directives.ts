import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Forbidden, NotFound } from '../../domain/errors.ts';
import type { Executor } from '../../store/db.ts';
import { ackDirectives, insertDirective, listDirectives, listReceived, readInbox } from '../../store/repos/network/directives.ts';
import { findNode, listNodes, listOwnChildren } from '../../store/repos/network/nodes.ts';
import type { Directive } from '../../domain/network/protocol.ts';
import type { Deps } from '../context.ts';
import { parseDirectivePayload } from './directive-payloads.ts';
import { placeOfNode } from './nodes.ts';

/** Assigned tasks, supervision orders, notices, threshold templates, the bootstrap of a new child, and orders routed to a record's owner (orders.ts). */
export const DIRECTIVE_KINDS = ['task', 'supervision_order', 'notice', 'threshold_template', 'bootstrap', 'order'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

/** One directive for every child registered here and not revoked, in the caller's transaction. */
export async function queueForChildren(tx: Executor, kind: DirectiveKind, payload: unknown, by: string, at: number): Promise<{ id: string; node: string }[]> {
  const sent = [];
  for (const n of await listOwnChildren(tx)) {
    const id = uuidv7();
    await insertDirective(tx, { id, node_id: n.id, kind, payload: JSON.stringify(payload ?? null), created_at: at, created_by: by, acked_at: null });
    sent.push({ id, node: n.id });
  }
  return sent;
}

/** Directives downward: stored for each child, pulled by it with a cursor (long-poll), acknowledged. */
export function createDirectives(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>) {
  const { db } = deps.store;
  const waiting = new Map<string, Set<() => void>>();

  function wake(nodeId: string) {
    for (const fn of waiting.get(nodeId) ?? []) fn();
  }

  function wait(nodeId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = waiting.get(nodeId) ?? new Set();
      waiting.set(nodeId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  const present = (r: { seq: number; id: string; kind: string; payload: string; created_at: number }): Directive => ({
    seq: Number(r.seq),
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload),
    createdAt: Number(r.created_at),
  });

  return {
    async create(actor: Principal, input: { node: string; kind: DirectiveKind; payload: unknown }) {
      requirePermission(actor, 'network.manage');
      let payload = parseDirectivePayload(input.kind, input.payload);
      // A template names the node that issued it; relayed further down, it keeps that name.
      if (input.kind === 'threshold_template') payload = { ...(payload as object), issuedBy: (payload as { issuedBy?: string }).issuedBy ?? deps.nodeId };
      const n = await findNode(db, input.node);
      if (!n || !n.token_hash) throw new NotFound(`No child node ${input.node} registered here (节点不存在)`);
      requireAccess(actor, 'network.manage', placeOfNode(n), 'Node');
      const d = { id: uuidv7(), node_id: n.id, kind: input.kind, payload: JSON.stringify(payload), created_at: deps.now(), created_by: actor.name, acked_at: null };
      await insertDirective(db, d);
      wake(n.id);
      return { id: d.id, node: n.id, kind: d.kind, createdAt: d.created_at };
    },
    async list(actor: Principal, node: string | undefined, limit: number) {
      requirePermission(actor, 'network.manage');
      const within = scopeOf(actor).all ? undefined : (await listNodes(db)).filter((n) => canSee(actor, placeOfNode(n))).map((n) => n.id);
      return (await listDirectives(db, node, limit, within)).map((r) => ({ ...present(r), node: r.node_id, ackedAt: r.acked_at === null ? null : Number(r.acked_at) }));
    },
    /** What the parent sent here, newest first (notices for the node's users: `kind` 'notice'). */
    async received(actor: Principal, limit: number, kind?: DirectiveKind) {
      requirePermission(actor, 'monitoring.read');
      return (await listReceived(db, limit, kind)).map((r) => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload), createdAt: Number(r.created_at), receivedAt: Number(r.received_at) }));
    },
    /** The child's inbox after its cursor; waits up to `waitMs` for something new when it is empty. */
    async inbox(p: Principal, cursor: number, waitMs: number) {
      if (p.kind !== 'node') throw new Forbidden('Only child nodes read an inbox (仅限下级节点)');
      let rows = await readInbox(db, p.id, cursor, 100);
      if (rows.length === 0 && waitMs > 0) {
        await wait(p.id, waitMs);
        rows = await readInbox(db, p.id, cursor, 100);
      }
      return { items: rows.map(present), cursor: rows.length ? Number(rows[rows.length - 1]!.seq) : cursor };
    },
    async ack(p: Principal, cursor: number) {
      if (p.kind !== 'node') throw new Forbidden('Only child nodes acknowledge directives');
      await ackDirectives(db, p.id, cursor, deps.now());
      return { ok: true as const };
    },
    /** Sends to every child registered here in the caller's transaction; `wake` their long-polls after commit. */
    send: (tx: Executor, kind: DirectiveKind, payload: unknown, by: string) => queueForChildren(tx, kind, payload, by, deps.now()),
    wake(nodes: string[]) {
      for (const id of nodes) wake(id);
    },
    /** Ends pending long-polls (shutdown). */
    release() {
      for (const id of waiting.keys()) wake(id);
    },
  };
}
