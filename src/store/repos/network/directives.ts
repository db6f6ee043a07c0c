import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import type { NetDirectivesTable, NetReceivedTable } from './tables.ts';

export type DirectiveRow = Selectable<NetDirectivesTable>;

export async function insertDirective(db: Executor, d: Omit<NetDirectivesTable, 'seq'>): Promise<void> {
  await db.insertInto('net_directives').values(d).execute();
}

export async function readInbox(db: Executor, nodeId: string, after: number, limit: number): Promise<DirectiveRow[]> {
  const rows = await db.selectFrom('net_directives').selectAll().where('node_id', '=', nodeId).where('seq', '>', after).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function ackDirectives(db: Executor, nodeId: string, upTo: number, now: number): Promise<void> {
  await db.updateTable('net_directives').set({ acked_at: now }).where('node_id', '=', nodeId).where('seq', '<=', upTo).where('acked_at', 'is', null).execute();
}

/** Newest first; `within` keeps only the directives of those nodes (the caller's scope). */
export async function listDirectives(db: Executor, nodeId: string | undefined, limit: number, within?: readonly string[]): Promise<DirectiveRow[]> {
  let q = db.selectFrom('net_directives').selectAll().orderBy('seq', 'desc').limit(limit);
  if (nodeId) q = q.where('node_id', '=', nodeId);
  if (within) {
    if (within.length === 0) return [];
    q = q.where('node_id', 'in', within);
  }
  return q.execute();
}

/** Records a directive from the parent once; false when it was already received. */
export async function receiveDirective(db: Executor, d: NetReceivedTable): Promise<boolean> {
  const r = await db.insertInto('net_received').values(d).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Received directives, newest first by when the parent issued them (ids are time-ordered within a moment). */
export async function listReceived(db: Executor, limit: number, kind?: string) {
  let q = db.selectFrom('net_received').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (kind) q = q.where('kind', '=', kind);
  return q.execute();
}
