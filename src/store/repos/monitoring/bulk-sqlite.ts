import type SQLite from 'better-sqlite3';
import type { Reading } from '../../../domain/monitoring/index.ts';
import type { FlushPlan } from '../../../services/monitoring/plan.ts';

interface KeyedRow {
  key: number;
  ts: number;
  value: number;
}

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
  const history = db.prepare('SELECT ts, value FROM readings WHERE sensor_key = ? AND ts >= ? AND ts <= ? ORDER BY ts');
  const upsertRollup = db.prepare(`INSERT INTO rollups (sensor_key, bucket_sec, bucket_start, count, sum, min, max, first_ts, first_value, last_ts, last_value)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (sensor_key, bucket_sec, bucket_start) DO UPDATE SET
      count = count + excluded.count, sum = sum + excluded.sum,
      min = MIN(min, excluded.min), max = MAX(max, excluded.max),
      first_value = CASE WHEN excluded.first_ts < first_ts THEN excluded.first_value ELSE first_value END,
      first_ts = MIN(first_ts, excluded.first_ts),
      last_value = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last_value ELSE last_value END,
      last_ts = MAX(last_ts, excluded.last_ts)`);
  const upsertState = db.prepare(`INSERT INTO point_states (sensor_key, rule, state, alarm_id, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (sensor_key, rule) DO UPDATE SET state = excluded.state, alarm_id = excluded.alarm_id, updated_at = excluded.updated_at`);
  const insertAlarm = db.prepare(`INSERT INTO alarms (${ALARM_COLUMNS.join(', ')}) VALUES (${ALARM_COLUMNS.map(() => '?').join(', ')})`);
  const syncAlarm = db.prepare('UPDATE alarms SET level = ?, current_level = ?, recovered_at = ?, relapses = ?, value = ?, updated_at = ? WHERE id = ?');
  const insertAction = db.prepare('INSERT INTO alarm_actions (id, alarm_id, at, actor_id, actor_name, action, note, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertChange = db.prepare('INSERT INTO change_log (id, at, actor_id, actor_name, entity, entity_id, op, changes, origin_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');

  return {
    /** Stores each reading unless (sensor, ts) is already there; returns which rows were new. */
    insertReadings(rows: readonly KeyedRow[]): boolean[] {
      const out = new Array<boolean>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        out[i] = insertReading.run(r.key, r.ts, r.value).changes === 1;
      }
      return out;
    },
    history(key: number, from: number, to: number): Reading[] {
      return history.all(key, from, to) as Reading[];
    },
    apply(plan: FlushPlan, now: number): void {
      for (const d of plan.rollups) {
        upsertRollup.run(d.key, d.bucketSec, d.bucketStart, d.count, d.sum, d.min, d.max, d.firstTs, d.firstValue, d.lastTs, d.lastValue);
      }
      for (const a of plan.alarmInserts) insertAlarm.run(...ALARM_COLUMNS.map((c) => a[c]));
      for (const u of plan.alarmUpdates) syncAlarm.run(u.level, u.current_level, u.recovered_at, u.relapses, u.value, u.updated_at, u.id);
      for (const a of plan.actions) insertAction.run(a.id, a.alarm_id, a.at, a.actor_id, a.actor_name, a.action, a.note, a.details);
      for (const c of plan.changes) insertChange.run(c.id, c.at, c.actor_id, c.actor_name, c.entity, c.entity_id, c.op, c.changes, c.origin_node);
      for (const s of plan.states) upsertState.run(s.key, s.rule, JSON.stringify(s.state), s.alarmId, now);
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

export type SqliteBulk = ReturnType<typeof sqliteBulk>;
