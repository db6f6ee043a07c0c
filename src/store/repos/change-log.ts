import { uuidv7 } from 'uuidv7';
import { GENESIS, chainAfter, type ChainHead, type ChainedChange, type ChangeContent } from '../../domain/audit/chain.ts';
import type { Executor } from '../db.ts';

export interface ChangeInput {
  actorId: string | null;
  actorName: string | null;
  entity: string;
  entityId: string;
  op: string;
  changes: unknown;
  originNode: string;
  at: number;
  /** Why: the reason an action asks for (a waiver, a suspension, a rejection). */
  reason?: string | null;
}

/** A change as the log stores it, before it is chained. */
export function changeContent(c: ChangeInput): ChangeContent {
  return {
    id: uuidv7(),
    at: c.at,
    actor_id: c.actorId,
    actor_name: c.actorName,
    entity: c.entity,
    entity_id: c.entityId,
    op: c.op,
    changes: c.changes === undefined || c.changes === null ? null : JSON.stringify(c.changes),
    reason: c.reason ?? null,
    origin_node: c.originNode,
  };
}

/**
 * Moves an origin's chain head forward by `n` positions and returns where it stood. The UPDATE takes
 * the head's row lock on PostgreSQL (SQLite has one writer), so concurrent appends queue behind each
 * other and never fork the chain.
 */
async function advanceHead(db: Executor, origin: string, n: number): Promise<ChainHead> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await db
      .updateTable('change_chain')
      .set((eb) => ({ node_seq: eb('node_seq', '+', n) }))
      .where('origin_node', '=', origin)
      .returning(['node_seq', 'hash'])
      .executeTakeFirst();
    if (r) return { seq: Number(r.node_seq) - n, hash: r.hash };
    await db.insertInto('change_chain').values({ origin_node: origin, node_seq: 0, hash: GENESIS }).onConflict((oc) => oc.column('origin_node').doNothing()).execute();
  }
  throw new Error(`change chain head of ${origin} could not be created`);
}

/** Appends changes to their origins' chains, in the caller's transaction (the audit row commits with the change). */
export async function appendChanges(db: Executor, inputs: readonly (ChangeInput | ChangeContent)[]): Promise<ChainedChange[]> {
  const byOrigin = new Map<string, ChangeContent[]>();
  for (const i of inputs) {
    const c = 'entity_id' in i ? i : changeContent(i);
    byOrigin.set(c.origin_node, [...(byOrigin.get(c.origin_node) ?? []), c]);
  }
  const out: ChainedChange[] = [];
  for (const [origin, contents] of byOrigin) {
    const head = await advanceHead(db, origin, contents.length);
    const { rows, head: next } = chainAfter(head, contents);
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('change_log').values(rows.slice(i, i + 500)).execute();
    await db.updateTable('change_chain').set({ hash: next.hash }).where('origin_node', '=', origin).execute();
    out.push(...rows);
  }
  return out;
}

export async function appendChange(db: Executor, c: ChangeInput): Promise<void> {
  await appendChanges(db, [c]);
}

export async function listChanges(db: Executor, entity: string, entityId: string, limit = 100, offset = 0) {
  return db
    .selectFrom('change_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The origins whose entries are held here, with how many and where each chain's entries start. */
export async function chainOrigins(db: Executor): Promise<{ origin: string; entries: number; from: number }[]> {
  const rows = await db
    .selectFrom('change_log')
    .select((eb) => ['origin_node', eb.fn.countAll<number>().as('n'), eb.fn.min('node_seq').as('from')])
    .groupBy('origin_node')
    .orderBy('origin_node')
    .execute();
  return rows.map((r) => ({ origin: r.origin_node, entries: Number(r.n), from: Number(r.from ?? 1) }));
}

export async function chainHead(db: Executor, origin: string): Promise<ChainHead | null> {
  const r = await db.selectFrom('change_chain').select(['node_seq', 'hash']).where('origin_node', '=', origin).executeTakeFirst();
  return r ? { seq: Number(r.node_seq), hash: r.hash } : null;
}

/** One origin's entries in chain order, a page at a time (positions after `after`). */
export async function readChain(db: Executor, origin: string, after: number, limit: number): Promise<ChainedChange[]> {
  const rows = await db
    .selectFrom('change_log')
    .select(['id', 'at', 'actor_id', 'actor_name', 'entity', 'entity_id', 'op', 'changes', 'reason', 'origin_node', 'node_seq', 'prev_hash', 'hash'])
    .where('origin_node', '=', origin)
    .where('node_seq', '>', after)
    .orderBy('node_seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, at: Number(r.at), node_seq: Number(r.node_seq), prev_hash: r.prev_hash ?? '', hash: r.hash ?? '' }));
}
