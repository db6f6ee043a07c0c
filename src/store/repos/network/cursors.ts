import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import './tables.ts';

/** How far the child's stream has been applied here; 0 before its first batch. */
export async function getCursor(db: Executor, nodeId: string, stream: string): Promise<number> {
  const r = await db.selectFrom('net_cursors').select('seq').where('node_id', '=', nodeId).where('stream', '=', stream).executeTakeFirst();
  return r ? Number(r.seq) : 0;
}

/** Moves the cursor forward only: a late duplicate can never move it back. */
export async function advanceCursor(db: Executor, nodeId: string, stream: string, seq: number, now: number): Promise<void> {
  await db
    .insertInto('net_cursors')
    .values({ node_id: nodeId, stream, seq, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['node_id', 'stream']).doUpdateSet({
        seq: sql`CASE WHEN excluded.seq > net_cursors.seq THEN excluded.seq ELSE net_cursors.seq END`,
        updated_at: now,
      }),
    )
    .execute();
}

/** The range (from, to] of a child's readings applied here ahead of its contiguous ack (live while it backfills). */
export async function getLiveRange(db: Executor, nodeId: string): Promise<{ from: number; to: number } | null> {
  const rows = await db.selectFrom('net_cursors').select(['stream', 'seq']).where('node_id', '=', nodeId).where('stream', 'in', ['readings.live_from', 'readings.live_to']).execute();
  const from = rows.find((r) => r.stream === 'readings.live_from');
  const to = rows.find((r) => r.stream === 'readings.live_to');
  return from && to ? { from: Number(from.seq), to: Number(to.seq) } : null;
}

export async function setLiveRange(db: Executor, nodeId: string, range: { from: number; to: number } | null, now: number): Promise<void> {
  await db.deleteFrom('net_cursors').where('node_id', '=', nodeId).where('stream', 'in', ['readings.live_from', 'readings.live_to']).execute();
  if (!range) return;
  await db
    .insertInto('net_cursors')
    .values([
      { node_id: nodeId, stream: 'readings.live_from', seq: range.from, updated_at: now },
      { node_id: nodeId, stream: 'readings.live_to', seq: range.to, updated_at: now },
    ])
    .execute();
}

export async function resetCursors(db: Executor, nodeId: string): Promise<void> {
  await db.deleteFrom('net_cursors').where('node_id', '=', nodeId).execute();
}

export async function quarantine(
  db: Executor,
  q: { id: string; nodeId: string; stream: string; seq: number | null; entity: string; entityId: string | null; reason: string; item: unknown; at: number },
): Promise<void> {
  await db
    .insertInto('net_quarantine')
    .values({ id: q.id, node_id: q.nodeId, stream: q.stream, seq: q.seq, entity: q.entity, entity_id: q.entityId, reason: q.reason, item: q.item === undefined ? null : JSON.stringify(q.item), at: q.at })
    .execute();
}

/** Newest first; `within` keeps only the items of those nodes (the caller's scope). */
export async function listQuarantine(db: Executor, nodeId: string | undefined, limit: number, within?: readonly string[]) {
  let q = db.selectFrom('net_quarantine').selectAll().orderBy('at', 'desc').limit(limit);
  if (nodeId) q = q.where('node_id', '=', nodeId);
  if (within) {
    if (within.length === 0) return [];
    q = q.where('node_id', 'in', within);
  }
  return q.execute();
}
