import type SQLite from 'better-sqlite3';
import { GENESIS, chainAfter } from '../../../domain/audit/chain.ts';
import type { Reading } from '../../../domain/monitoring/index.ts';
import type { FlushPlan } from './plan-types.ts';

interface KeyedRow {
  key: number;
  ts: number;
  value: number;
}

/** Rows per multi-row INSERT: one statement step per 100 readings instead of one per reading. */
const CHUNK = 100;
/** Rollup deltas per multi-row upsert (11 parameters each). */
const ROLLUP_CHUNK = 50;

const ALARM_COLUMNS = [
  'id', 'site_id', 'sensor_id', 'region_code', 'enterprise_id', 'kind', 'level', 'current_level', 'state', 'value', 'message',
  'opened_at', 'recovered_at', 'relapses', 'acknowledged_at', 'acknowledged_by', 'analysed_at', 'analysed_by', 'cause', 'measures',
  'verified_at', 'verified_by', 'closed_at', 'closed_by', 'tier', 'escalated_at', 'reminded_at', 'created_at', 'updated_at', 'origin_node',
] as const;

/**
 * The telemetry write path on SQLite: raw prepared statements, all inside one synchronous
 * transaction per flush, so no other statement on the shared connection can interleave.
 */
export function sqliteBulk(db: SQLite.Database) {
  const insertReading = db.prepare('INSERT OR IGNORE INTO readings (sensor_key, ts, value) VALUES (?, ?, ?)');
  const insertChunk = db.prepare(`INSERT OR IGNORE INTO readings (sensor_key, ts, value) VALUES ${Array(CHUNK).fill('(?, ?, ?)').join(', ')}`);
  // The rows one statement stored are those above the highest sequence number before it (the single
  // writer holds the write lock). Not the last `changes` numbers: an ignored row may use one up.
  const maxSeq = db.prepare('SELECT MAX(seq) FROM readings').pluck();
  const insertedIn = db.prepare('SELECT sensor_key, ts FROM readings WHERE seq > ? AND seq <= ?').raw(true);
  const chunkArgs = new Array<number>(CHUNK * 3);
  const history = db.prepare('SELECT ts, value FROM readings WHERE sensor_key = ? AND ts >= ? AND ts <= ? ORDER BY ts');
  const recentBefore = db.prepare('SELECT ts, value FROM readings WHERE sensor_key = ? AND ts < ? ORDER BY ts DESC LIMIT ?');
  const rollupSql = (n: number) => `INSERT INTO rollups (sensor_key, bucket_sec, bucket_start, count, sum, min, max, first_ts, first_value, last_ts, last_value)
    VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
    ON CONFLICT (sensor_key, bucket_sec, bucket_start) DO UPDATE SET
      count = count + excluded.count, sum = sum + excluded.sum,
      min = MIN(min, excluded.min), max = MAX(max, excluded.max),
      first_value = CASE WHEN excluded.first_ts < first_ts THEN excluded.first_value ELSE first_value END,
      first_ts = MIN(first_ts, excluded.first_ts),
      last_value = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last_value ELSE last_value END,
      last_ts = MAX(last_ts, excluded.last_ts)`;
  const upsertRollup = db.prepare(rollupSql(1));
  const upsertRollupChunk = db.prepare(rollupSql(ROLLUP_CHUNK));
  const rollupArgs = new Array<number>(ROLLUP_CHUNK * 11);
  const upsertState = db.prepare(`INSERT INTO point_states (sensor_key, rule, state, alarm_id, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (sensor_key, rule) DO UPDATE SET state = excluded.state, alarm_id = excluded.alarm_id, updated_at = excluded.updated_at`);
  const insertAlarm = db.prepare(`INSERT INTO alarms (${ALARM_COLUMNS.join(', ')}) VALUES (${ALARM_COLUMNS.map(() => '?').join(', ')})`);
  const syncAlarm = db.prepare('UPDATE alarms SET level = ?, current_level = ?, recovered_at = ?, relapses = ?, value = ?, message = COALESCE(?, message), updated_at = ? WHERE id = ?');
  const insertAction = db.prepare('INSERT INTO alarm_actions (id, alarm_id, at, actor_id, actor_name, action, note, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const recoverAlarm = db.prepare('UPDATE alarms SET recovered_at = ?, current_level = NULL, updated_at = ? WHERE id = ? AND recovered_at IS NULL');
  const insertFlag = db.prepare('INSERT INTO readings_quality (sensor_key, ts, flag, detail, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sensor_key, ts, flag) DO NOTHING');
  const insertChange = db.prepare(
    'INSERT INTO change_log (id, at, actor_id, actor_name, entity, entity_id, op, changes, reason, origin_node, node_seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const chainHead = db.prepare('SELECT node_seq AS seq, hash FROM change_chain WHERE origin_node = ?');
  const setChainHead = db.prepare('INSERT INTO change_chain (origin_node, node_seq, hash) VALUES (?, ?, ?) ON CONFLICT (origin_node) DO UPDATE SET node_seq = excluded.node_seq, hash = excluded.hash');

  const setWatermark = db.prepare('UPDATE rollup_watermark SET seq = ?, updated_at = ? WHERE id = 1');
  const watermark = db.prepare('SELECT seq FROM rollup_watermark WHERE id = 1').pluck();
  const readingsAfter = db.prepare('SELECT sensor_key AS key, ts, value FROM readings WHERE seq > ? ORDER BY sensor_key, ts');

  function upsertRollups(rs: readonly FlushPlan['rollups'][number][]): void {
    const whole = rs.length - (rs.length % ROLLUP_CHUNK);
    for (let i = 0; i < whole; i += ROLLUP_CHUNK) {
      for (let j = 0; j < ROLLUP_CHUNK; j++) putRollup(rollupArgs, 11 * j, rs[i + j]!);
      upsertRollupChunk.run(rollupArgs);
    }
    const one = new Array<number>(11);
    for (let i = whole; i < rs.length; i++) {
      putRollup(one, 0, rs[i]!);
      upsertRollup.run(one);
    }
  }

  /** Some of a chunk were repeats: the rows the statement stored are those numbered (afterSeq, lastSeq]. */
  function markInserted(rows: readonly KeyedRow[], out: Uint8Array, from: number, afterSeq: number, lastSeq: number) {
    const stored = new Set<string>();
    for (const [key, ts] of insertedIn.all(afterSeq, lastSeq) as [number, number | bigint][]) stored.add(`${key}|${Number(ts)}`);
    for (let j = from; j < from + CHUNK; j++) {
      // delete: of two equal rows in one chunk only the first was stored
      if (stored.delete(`${rows[j]!.key}|${rows[j]!.ts}`)) out[j] = 1;
    }
  }

  /** The plan's change-log entries, linked into their origin's hash chain (domain/audit/chain.ts). */
  function appendChain(all: FlushPlan['changes']) {
    for (const origin of new Set(all.map((c) => c.origin_node))) appendChainOf(origin, all.filter((c) => c.origin_node === origin));
  }
  function appendChainOf(origin: string, changes: FlushPlan['changes']) {
    const head = (chainHead.get(origin) as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS };
    const { rows, head: next } = chainAfter({ seq: Number(head.seq), hash: head.hash }, changes.map((c) => ({ ...c, reason: null })));
    for (const c of rows) insertChange.run(c.id, c.at, c.actor_id, c.actor_name, c.entity, c.entity_id, c.op, c.changes, c.reason, c.origin_node, c.node_seq, c.prev_hash, c.hash);
    setChainHead.run(origin, next.seq, next.hash);
  }

  return {
    /**
     * Stores each reading unless (sensor, ts) is already there (earlier in the same call included);
     * returns which rows were new (1) or repeats (0).
     */
    insertReadings(rows: readonly KeyedRow[]): Uint8Array {
      const out = new Uint8Array(rows.length);
      const whole = rows.length - (rows.length % CHUNK);
      let seq = whole > 0 ? Number(maxSeq.get() ?? 0) : 0;
      for (let i = 0; i < whole; i += CHUNK) {
        for (let j = 0; j < CHUNK; j++) {
          const r = rows[i + j]!;
          chunkArgs[3 * j] = r.key;
          chunkArgs[3 * j + 1] = r.ts;
          chunkArgs[3 * j + 2] = r.value;
        }
        const info = insertChunk.run(chunkArgs);
        if (info.changes === CHUNK) out.fill(1, i, i + CHUNK);
        else if (info.changes > 0) markInserted(rows, out, i, seq, Number(info.lastInsertRowid));
        if (info.changes > 0) seq = Number(info.lastInsertRowid);
      }
      for (let i = whole; i < rows.length; i++) {
        const r = rows[i]!;
        out[i] = insertReading.run(r.key, r.ts, r.value).changes;
      }
      return out;
    },
    history(key: number, from: number, to: number): Reading[] {
      return history.all(key, from, to) as Reading[];
    },
    /** Each sensor's last `limit` stored readings before its `before`, ascending by ts: one indexed query per sensor. */
    recentBefore(sensors: readonly { key: number; before: number }[], limit: number): Map<number, Reading[]> {
      const out = new Map<number, Reading[]>();
      for (const s of sensors) out.set(s.key, (recentBefore.all(s.key, s.before, limit) as Reading[]).reverse());
      return out;
    },
    /** The highest reading sequence stored so far (0 when none). */
    maxSeq(): number {
      return Number(maxSeq.get() ?? 0);
    },
    /** Adds rollup deltas into the rollups table (creating buckets as needed). */
    upsertRollups,
    /** The readings up to this sequence are counted in the rollups. */
    watermark(): number {
      return Number(watermark.get() ?? 0);
    },
    /** Readings stored after a sequence, by sensor and time. */
    readingsAfter(seq: number): KeyedRow[] {
      return readingsAfter.all(seq) as KeyedRow[];
    },
    /** The readings up to `seq` are now counted in the rollups. */
    setWatermark(seq: number, now: number): void {
      setWatermark.run(seq, now);
    },
    /** Writes the plan's alarms, their history and change log, point states and quality flags (its rollups go through the writer's buffer). */
    apply(plan: FlushPlan, now: number): void {
      for (const a of plan.alarmInserts) insertAlarm.run(...ALARM_COLUMNS.map((c) => a[c]));
      // After the inserts: a stuck alarm may open and recover in one flush.
      for (const r of plan.qualityRecoveries) recoverAlarm.run(r.recovered_at, r.updated_at, r.id);
      for (const u of plan.alarmUpdates) syncAlarm.run(u.level, u.current_level, u.recovered_at, u.relapses, u.value, u.message, u.updated_at, u.id);
      for (const a of plan.actions) insertAction.run(a.id, a.alarm_id, a.at, a.actor_id, a.actor_name, a.action, a.note, a.details);
      if (plan.changes.length) appendChain(plan.changes);
      for (const s of plan.states) upsertState.run(s.key, s.rule, JSON.stringify(s.state), s.alarmId, now);
      for (const f of plan.qualityFlags) insertFlag.run(f.sensor_key, f.ts, f.flag, f.detail, f.created_at);
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

function putRollup(args: number[], at: number, d: FlushPlan['rollups'][number]) {
  args[at] = d.key;
  args[at + 1] = d.bucketSec;
  args[at + 2] = d.bucketStart;
  args[at + 3] = d.count;
  args[at + 4] = d.sum;
  args[at + 5] = d.min;
  args[at + 6] = d.max;
  args[at + 7] = d.firstTs;
  args[at + 8] = d.firstValue;
  args[at + 9] = d.lastTs;
  args[at + 10] = d.lastValue;
}

export type SqliteBulk = ReturnType<typeof sqliteBulk>;
