import { sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import { sqliteHandleOf, type Executor } from '../../db.ts';

/** Prepared statements per SQLite handle, returning rows as arrays (see sqliteHandleOf). */
const rawStatements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();
function rawStatement(db: Executor, sqlText: string): SQLite.Statement | undefined {
  const h = sqliteHandleOf(db);
  // A query-builder transaction holds the connection: the builder queues behind it, a raw read would see inside it.
  if (!h || h.inTransaction) return undefined;
  let m = rawStatements.get(h);
  if (!m) rawStatements.set(h, (m = new Map()));
  let st = m.get(sqlText);
  if (!st) m.set(sqlText, (st = h.prepare(sqlText).raw(true)));
  return st;
}

export async function rawReadings(db: Executor, key: number, from: number, to: number, limit: number) {
  const st = rawStatement(db, 'SELECT ts, value FROM readings WHERE sensor_key = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?');
  if (st) return (st.all(key, from, to, limit) as [number, number][]).map(([ts, value]) => ({ ts, value }));
  const rows = await db.selectFrom('readings').select(['ts', 'value']).where('sensor_key', '=', key).where('ts', '>=', from).where('ts', '<', to).orderBy('ts').limit(limit).execute();
  return rows.map((r) => ({ ts: Number(r.ts), value: r.value }));
}

/** Raw readings grouped into buckets of `stepMs` (for steps finer than an hour, computed from raw rows). */
export async function bucketedReadings(db: Executor, key: number, from: number, to: number, stepMs: number) {
  const bucket = sql<number>`(ts - CAST(${from} AS bigint)) / CAST(${stepMs} AS bigint)`;
  const rows = await db
    .selectFrom('readings')
    .select([
      sql<number>`${bucket}`.as('b'),
      (eb) => eb.fn.min<number>('value').as('min'),
      (eb) => eb.fn.max<number>('value').as('max'),
      (eb) => eb.fn.sum<number>('value').as('sum'),
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.max<number>('ts').as('last_ts'),
    ])
    .where('sensor_key', '=', key)
    .where('ts', '>=', from)
    .where('ts', '<', to)
    // By position: the bucket expression's parameters would not match a repeated expression on PostgreSQL.
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({ bucketStart: from + Math.floor(Number(r.b)) * stepMs, min: Number(r.min), max: Number(r.max), sum: Number(r.sum), count: Number(r.count) }));
}

export async function rollupRows(db: Executor, key: number, bucketSec: number, from: number, to: number) {
  const st = rawStatement(
    db,
    'SELECT bucket_start, count, sum, min, max, first_ts, first_value, last_ts, last_value FROM rollups WHERE sensor_key = ? AND bucket_sec = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start',
  );
  if (st) {
    return (st.all(key, bucketSec, from, to) as number[][]).map(([bucketStart, count, sum, min, max, firstTs, firstValue, lastTs, lastValue]) => ({
      bucketStart: bucketStart!,
      count: count!,
      sum: sum!,
      min: min!,
      max: max!,
      firstTs: firstTs!,
      firstValue: firstValue!,
      lastTs: lastTs!,
      lastValue: lastValue!,
    }));
  }
  const rows = await db
    .selectFrom('rollups')
    .selectAll()
    .where('sensor_key', '=', key)
    .where('bucket_sec', '=', bucketSec)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .orderBy('bucket_start')
    .execute();
  return rows.map((r) => ({
    bucketStart: Number(r.bucket_start),
    count: Number(r.count),
    sum: r.sum,
    min: r.min,
    max: r.max,
    firstTs: Number(r.first_ts),
    firstValue: r.first_value,
    lastTs: Number(r.last_ts),
    lastValue: r.last_value,
  }));
}

/** Removes raw readings older than `before` for one sensor (rollups stay). */
export async function deleteReadingsBefore(db: Executor, key: number, before: number): Promise<number> {
  const r = await db.deleteFrom('readings').where('sensor_key', '=', key).where('ts', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The newest stored reading of every sensor with a point state: point states are not rewritten for
 * every reading, so their last time is brought up to date from here at start (one index probe each).
 */
export async function latestReadings(db: Executor): Promise<Map<number, { ts: number; value: number }>> {
  const r = await sql<{ sensor_key: number; ts: number | string | null; value: number | null }>`
    SELECT k.sensor_key,
      (SELECT r.ts FROM readings r WHERE r.sensor_key = k.sensor_key ORDER BY r.ts DESC LIMIT 1) AS ts,
      (SELECT r.value FROM readings r WHERE r.sensor_key = k.sensor_key ORDER BY r.ts DESC LIMIT 1) AS value
    FROM (SELECT DISTINCT sensor_key FROM point_states) k`.execute(db);
  const out = new Map<number, { ts: number; value: number }>();
  for (const x of r.rows) if (x.ts !== null && x.value !== null) out.set(Number(x.sensor_key), { ts: Number(x.ts), value: Number(x.value) });
  return out;
}

/** The aggregates of one sensor's rollups of a size (no first/last), for merging into chart steps. */
export async function rollupAggregates(db: Executor, key: number, bucketSec: number, from: number, to: number) {
  const st = rawStatement(db, 'SELECT bucket_start, count, sum, min, max FROM rollups WHERE sensor_key = ? AND bucket_sec = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start');
  if (st) return (st.all(key, bucketSec, from, to) as number[][]).map(([bucketStart, count, sum, min, max]) => ({ bucketStart: bucketStart!, count: count!, sum: sum!, min: min!, max: max! }));
  const rows = await db
    .selectFrom('rollups')
    .select(['bucket_start', 'count', 'sum', 'min', 'max'])
    .where('sensor_key', '=', key)
    .where('bucket_sec', '=', bucketSec)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .orderBy('bucket_start')
    .execute();
  const out = new Array<{ bucketStart: number; count: number; sum: number; min: number; max: number }>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = { bucketStart: Number(r.bucket_start), count: Number(r.count), sum: r.sum, min: r.min, max: r.max };
  }
  return out;
}

/**
 * The start of the last bucket in the next chunk of one sensor's rollups of a size older than
 * `before`: the `chunk`-th oldest, or undefined when fewer are left (then the rest is one chunk).
 */
export async function rollupChunkEnd(db: Executor, key: number, bucketSec: number, before: number, chunk: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('rollups')
    .select('bucket_start')
    .where('sensor_key', '=', key)
    .where('bucket_sec', '=', bucketSec)
    .where('bucket_start', '<', before)
    .orderBy('bucket_start')
    .limit(1)
    .offset(chunk - 1)
    .executeTakeFirst();
  return row ? Number(row.bucket_start) : undefined;
}

/** Removes one sensor's rollups of a size with bucketStart ≤ `upTo` (a range of the primary key). */
export async function deleteRollupsUpTo(db: Executor, key: number, bucketSec: number, upTo: number): Promise<number> {
  const r = await db.deleteFrom('rollups').where('sensor_key', '=', key).where('bucket_sec', '=', bucketSec).where('bucket_start', '<=', upTo).executeTakeFirst();
  return Number(r.numDeletedRows);
}
