import { sql } from 'kysely';
import type { Executor, Tx } from '../../db.ts';
import { appendChanges } from '../change-log.ts';
import type { Reading } from '../../../domain/monitoring/index.ts';
import type { FlushPlan } from './plan-types.ts';

interface KeyedRow {
  key: number;
  ts: number;
  value: number;
}

/** `{1,2,3}` of numbers (PostgreSQL reads NaN and Infinity as JavaScript writes them). */
function arrayLiteral<T>(rows: readonly T[], pick: (r: T) => number): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = String(pick(rows[i]!));
  return `{${parts.join(',')}}`;
}

/** A unique violation: a reading (sensor, ts) stored already. */
export function isRepeat(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

/**
 * The telemetry write path on PostgreSQL: one `unnest` insert per flush. Repeats are rare (a gateway
 * resending after a timeout, MQTT redelivering), so the insert is first tried plainly (`insertAll`);
 * only when it meets a stored (sensor, ts) does it go again with ON CONFLICT DO NOTHING RETURNING to
 * learn which rows were new (`insertNew`). The plain insert costs about a third less.
 */
export const pgBulk = {
  /**
   * Stores every row, or throws a unique violation (`isRepeat`) when one of them is stored already (or
   * twice in the call): on its own it is one autocommitted statement, in a transaction it aborts it.
   */
  async insertAll(db: Executor, rows: readonly KeyedRow[]): Promise<void> {
    if (rows.length === 0) return;
    // The arrays as PostgreSQL array literals, built here: the driver's own encoding quotes and
    // escapes each of the flush's tens of thousands of numbers through regular expressions.
    await sql`INSERT INTO readings (sensor_key, ts, value) SELECT * FROM unnest(${arrayLiteral(rows, (r) => r.key)}::int[], ${arrayLiteral(rows, (r) => r.ts)}::bigint[], ${arrayLiteral(rows, (r) => r.value)}::float8[])`.execute(db);
  },

  /** Returns which rows were stored (1) or repeats (0); of equal rows in one call only the first is stored. */
  async insertNew(tx: Tx, rows: readonly KeyedRow[]): Promise<Uint8Array> {
    const out = new Uint8Array(rows.length);
    if (rows.length === 0) return out;
    const r = await sql<{ sensor_key: number; ts: number }>`
      INSERT INTO readings (sensor_key, ts, value)
      SELECT * FROM unnest(${arrayLiteral(rows, (r) => r.key)}::int[], ${arrayLiteral(rows, (r) => r.ts)}::bigint[], ${arrayLiteral(rows, (r) => r.value)}::float8[])
      ON CONFLICT (sensor_key, ts) DO NOTHING
      RETURNING sensor_key, ts`.execute(tx);
    if (r.rows.length === rows.length) return out.fill(1);
    const stored = new Set(r.rows.map((x) => `${x.sensor_key}|${Number(x.ts)}`));
    for (let i = 0; i < rows.length; i++) if (stored.delete(`${rows[i]!.key}|${rows[i]!.ts}`)) out[i] = 1;
    return out;
  },

  /** `insertNew`, tried first as `insertAll` in a savepoint: repeats are rare, and the plain insert costs less. */
  async insertReadings(tx: Tx, rows: readonly KeyedRow[]): Promise<Uint8Array> {
    if (rows.length === 0) return new Uint8Array(0);
    await sql`SAVEPOINT readings_plain`.execute(tx);
    try {
      // (The savepoint is released with the transaction.)
      await pgBulk.insertAll(tx, rows);
      return new Uint8Array(rows.length).fill(1);
    } catch (err) {
      if (!isRepeat(err)) throw err;
      await sql`ROLLBACK TO SAVEPOINT readings_plain`.execute(tx);
    }
    return pgBulk.insertNew(tx, rows);
  },

  /** The highest reading sequence stored so far (0 when none). */
  async maxSeq(tx: Tx): Promise<number> {
    const r = await sql<{ seq: string | number | null }>`SELECT MAX(seq) AS seq FROM readings`.execute(tx);
    return Number(r.rows[0]?.seq ?? 0);
  },

  /** The readings up to this sequence are counted in the rollups. */
  async watermark(db: Executor): Promise<number> {
    const r = await db.selectFrom('rollup_watermark').select('seq').where('id', '=', 1).executeTakeFirst();
    return Number(r?.seq ?? 0);
  },

  async setWatermark(db: Executor, seq: number, now: number): Promise<void> {
    await db.updateTable('rollup_watermark').set({ seq, updated_at: now }).where('id', '=', 1).execute();
  },

  /** Readings stored after a sequence, by sensor and time. */
  async readingsAfter(db: Executor, seq: number): Promise<KeyedRow[]> {
    const rows = await db.selectFrom('readings').select(['sensor_key', 'ts', 'value']).where('seq', '>', seq).orderBy('sensor_key').orderBy('ts').execute();
    return rows.map((r) => ({ key: r.sensor_key, ts: Number(r.ts), value: r.value }));
  },

  async history(tx: Tx, key: number, from: number, to: number): Promise<Reading[]> {
    const rows = await tx.selectFrom('readings').select(['ts', 'value']).where('sensor_key', '=', key).where('ts', '>=', from).where('ts', '<=', to).orderBy('ts').execute();
    return rows.map((r) => ({ ts: Number(r.ts), value: r.value }));
  },

  /** Each sensor's last `limit` stored readings before its `before`, ascending by ts: one query for all of them. */
  async recentBefore(tx: Executor, sensors: readonly { key: number; before: number }[], limit: number): Promise<Map<number, Reading[]>> {
    const out = new Map<number, Reading[]>();
    if (sensors.length === 0) return out;
    for (const s of sensors) out.set(s.key, []);
    const r = await sql<{ key: number; ts: string | number; value: number }>`
      SELECT k.key, r.ts, r.value
      FROM unnest(${sensors.map((s) => s.key)}::int[], ${sensors.map((s) => s.before)}::bigint[]) AS k(key, before)
      CROSS JOIN LATERAL (
        SELECT ts, value FROM readings WHERE sensor_key = k.key AND ts < k.before ORDER BY ts DESC LIMIT ${limit}
      ) r`.execute(tx);
    // Newest first per sensor: each list is reversed once filled.
    for (const x of r.rows) out.get(x.key)!.push({ ts: Number(x.ts), value: x.value });
    for (const list of out.values()) list.reverse();
    return out;
  },

  /** Adds rollup deltas into the rollups table (creating buckets as needed). */
  async upsertRollups(tx: Tx, rollups: readonly FlushPlan['rollups'][number][]): Promise<void> {
    if (rollups.length) {
      const col = <K extends keyof FlushPlan['rollups'][number]>(k: K) => rollups.map((d) => d[k]);
      await sql`
        INSERT INTO rollups (sensor_key, bucket_sec, bucket_start, count, sum, min, max, first_ts, first_value, last_ts, last_value)
        SELECT * FROM unnest(${col('key')}::int[], ${col('bucketSec')}::int[], ${col('bucketStart')}::bigint[], ${col('count')}::int[],
          ${col('sum')}::float8[], ${col('min')}::float8[], ${col('max')}::float8[], ${col('firstTs')}::bigint[], ${col('firstValue')}::float8[],
          ${col('lastTs')}::bigint[], ${col('lastValue')}::float8[])
        ON CONFLICT (sensor_key, bucket_sec, bucket_start) DO UPDATE SET
          count = rollups.count + excluded.count, sum = rollups.sum + excluded.sum,
          min = LEAST(rollups.min, excluded.min), max = GREATEST(rollups.max, excluded.max),
          first_value = CASE WHEN excluded.first_ts < rollups.first_ts THEN excluded.first_value ELSE rollups.first_value END,
          first_ts = LEAST(rollups.first_ts, excluded.first_ts),
          last_value = CASE WHEN excluded.last_ts >= rollups.last_ts THEN excluded.last_value ELSE rollups.last_value END,
          last_ts = GREATEST(rollups.last_ts, excluded.last_ts)`.execute(tx);
    }
  },

  /** Writes the plan's alarms, their history and change log, point states and quality flags (its rollups go through the writer's buffer). */
  async apply(tx: Tx, plan: FlushPlan, now: number): Promise<void> {
    if (plan.alarmInserts.length) await tx.insertInto('alarms').values(plan.alarmInserts).execute();
    // After the inserts: a stuck alarm may open and recover in one flush.
    for (const r of plan.qualityRecoveries) {
      await tx.updateTable('alarms').set({ recovered_at: r.recovered_at, current_level: null, updated_at: r.updated_at }).where('id', '=', r.id).where('recovered_at', 'is', null).execute();
    }
    if (plan.alarmUpdates.length) {
      // One statement for the flush's alarm updates (an alarming fleet updates dozens per flush). An
      // alarm updated twice in a flush takes its last state and its last new text, as in sequence.
      const last = new Map<string, FlushPlan['alarmUpdates'][number]>();
      for (const u of plan.alarmUpdates) {
        const prev = last.get(u.id);
        last.set(u.id, u.message === null && prev ? { ...u, message: prev.message } : u);
      }
      const u = [...last.values()];
      await sql`
        UPDATE alarms AS a SET level = u.level, current_level = u.current_level, recovered_at = u.recovered_at, relapses = u.relapses,
          value = u.value, message = COALESCE(u.message, a.message), updated_at = u.updated_at
        FROM unnest(${u.map((x) => x.id)}::text[], ${u.map((x) => x.level)}::text[], ${u.map((x) => x.current_level)}::text[],
          ${u.map((x) => x.recovered_at)}::bigint[], ${u.map((x) => x.relapses)}::int[], ${u.map((x) => x.value)}::float8[],
          ${u.map((x) => x.message)}::text[], ${u.map((x) => x.updated_at)}::bigint[])
          AS u(id, level, current_level, recovered_at, relapses, value, message, updated_at)
        WHERE a.id = u.id`.execute(tx);
    }
    if (plan.actions.length) await tx.insertInto('alarm_actions').values(plan.actions).execute();
    if (plan.changes.length) await appendChanges(tx, plan.changes.map((c) => ({ ...c, reason: null })));
    if (plan.states.length) {
      await tx
        .insertInto('point_states')
        .values(plan.states.map((s) => ({ sensor_key: s.key, rule: s.rule, state: JSON.stringify(s.state), alarm_id: s.alarmId, updated_at: now })))
        .onConflict((oc) =>
          oc.columns(['sensor_key', 'rule']).doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), alarm_id: eb.ref('excluded.alarm_id'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .execute();
    }
    if (plan.qualityFlags.length) {
      const f = plan.qualityFlags;
      await sql`
        INSERT INTO readings_quality (sensor_key, ts, flag, detail, created_at)
        SELECT * FROM unnest(${f.map((x) => x.sensor_key)}::int[], ${f.map((x) => x.ts)}::bigint[], ${f.map((x) => x.flag)}::text[],
          ${f.map((x) => x.detail)}::text[], ${f.map((x) => x.created_at)}::bigint[])
        ON CONFLICT (sensor_key, ts, flag) DO NOTHING`.execute(tx);
    }
  },
};
