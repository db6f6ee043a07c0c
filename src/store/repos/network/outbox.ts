import type { Executor } from '../../db.ts';
import './tables.ts';

export { ENTITY_TABLES, isEntity, type Entity } from './entities.ts';
import { ENTITY_TABLES, type Entity } from './entities.ts';

export interface OutboxRow {
  seq: number;
  entity: string;
  entity_id: string;
}

/** Outbox rows of a stream after `after`, up to `upTo` (the reader's horizon). */
export async function readOutbox(db: Executor, stream: string, after: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): Promise<OutboxRow[]> {
  const rows = await db
    .selectFrom('net_outbox')
    .select(['seq', 'entity', 'entity_id'])
    .where('stream', '=', stream)
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** How many outbox rows of the stream wait after the cursor, and the highest sequence. */
export async function outboxTail(db: Executor, stream: string, after: number): Promise<{ pending: number; max: number }> {
  const r = await db
    .selectFrom('net_outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('max')])
    .where('stream', '=', stream)
    .where('seq', '>', after)
    .executeTakeFirst();
  return { pending: Number(r?.n ?? 0), max: Number(r?.max ?? after) };
}

/** Current snapshots of the given rows: the full record travels, never a diff. */
export async function loadRows(db: Executor, entity: Entity, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const rows = (await db
    .selectFrom(ENTITY_TABLES[entity] as 'sites')
    .selectAll()
    .where('id', 'in', ids as string[])
    .execute()) as unknown as Record<string, unknown>[];
  return new Map(rows.map((r) => [r.id as string, r]));
}

/** [seq, sensor id, ts, value] — readings as they travel upward. */
export type ReadingTuple = [number, string, number, number];

/** Readings with a sequence in (after, upTo], oldest first. */
export async function readReadings(db: Executor, after: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): Promise<ReadingTuple[]> {
  if (upTo <= after) return [];
  const rows = await db
    .selectFrom('readings')
    .innerJoin('sensors', 'sensors.key', 'readings.sensor_key')
    .select(['readings.seq', 'sensors.id', 'readings.ts', 'readings.value'])
    .where('readings.seq', '>', after)
    .where('readings.seq', '<=', upTo)
    .orderBy('readings.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => [Number(r.seq), r.id, Number(r.ts), r.value]);
}

/** The highest sequence stored (visible or not yet final alike: a start for the live cursor). */
export async function maxReadingSeq(db: Executor): Promise<number> {
  const r = await db.selectFrom('readings').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** The first sequence in (after, head] of a reading stamped at or after `ts`, looking at the last `span` only. */
export async function firstSeqSince(db: Executor, after: number, head: number, ts: number, span: number): Promise<number | null> {
  const r = await db
    .selectFrom('readings')
    .select('seq')
    .where('seq', '>', Math.max(after, head - span))
    .where('seq', '<=', head)
    .where('ts', '>=', ts)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return r ? Number(r.seq) : null;
}

export async function readingsTail(db: Executor, after: number): Promise<{ max: number; oldestTs: number | null }> {
  const max = await db.selectFrom('readings').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  const first = await db.selectFrom('readings').select('ts').where('seq', '>', after).orderBy('seq').limit(1).executeTakeFirst();
  return { max: Number(max?.m ?? 0), oldestTs: first ? Number(first.ts) : null };
}
