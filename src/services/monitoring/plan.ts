import { uuidv7 } from 'uuidv7';
import {
  alarmClosed,
  evaluate,
  instructionFor,
  LEVEL_LABELS,
  rateReading,
  windowSum,
  type AlarmEvent,
  type Level,
  type PointState,
  type Reading,
  type Thresholds,
} from '../../domain/monitoring/index.ts';
import type { AlarmActionsTable, AlarmsTable } from '../../store/repos/monitoring/tables.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import type { Row } from './intake.ts';

export type RuleName = 'value' | 'rate';

export interface Point {
  state: PointState;
  alarmId: string | null;
}

export interface RollupDelta {
  key: number;
  bucketSec: number;
  bucketStart: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  firstTs: number;
  firstValue: number;
  lastTs: number;
  lastValue: number;
}

export interface StateWrite {
  key: number;
  rule: RuleName;
  state: PointState;
  alarmId: string | null;
}

export interface AlarmSync {
  id: string;
  level: Level;
  current_level: Level | null;
  recovered_at: number | null;
  relapses: number;
  value: number;
  updated_at: number;
}

export interface ChangeRow {
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  entity: string;
  entity_id: string;
  op: string;
  changes: string | null;
  origin_node: string;
}

/** Everything one flush writes besides the readings, computed before it is written. */
export interface FlushPlan {
  rollups: RollupDelta[];
  states: StateWrite[];
  alarmInserts: AlarmsTable[];
  alarmUpdates: AlarmSync[];
  actions: AlarmActionsTable[];
  changes: ChangeRow[];
  /** Alarm ids touched, for the live push after commit. */
  touched: string[];
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Start of the bucket holding ts; days begin at local midnight (China Standard Time by default). */
export function bucketStart(ts: number, bucketMs: number, utcOffsetMin: number): number {
  if (bucketMs < DAY) return Math.floor(ts / bucketMs) * bucketMs;
  const off = utcOffsetMin * 60_000;
  return Math.floor((ts + off) / bucketMs) * bucketMs - off;
}

/** Hourly and daily aggregates of the newly stored readings (duplicates are not counted again). */
export function rollupDeltas(rows: readonly Row[], utcOffsetMin: number): RollupDelta[] {
  const out = new Map<string, RollupDelta>();
  for (const r of rows) {
    for (const ms of [HOUR, DAY]) {
      const start = bucketStart(r.ts, ms, utcOffsetMin);
      const id = `${r.key}|${ms}|${start}`;
      const d = out.get(id);
      if (!d) {
        out.set(id, { key: r.key, bucketSec: ms / 1000, bucketStart: start, count: 1, sum: r.value, min: r.value, max: r.value, firstTs: r.ts, firstValue: r.value, lastTs: r.ts, lastValue: r.value });
        continue;
      }
      d.count++;
      d.sum += r.value;
      if (r.value < d.min) d.min = r.value;
      if (r.value > d.max) d.max = r.value;
      if (r.ts < d.firstTs) (d.firstTs = r.ts), (d.firstValue = r.value);
      if (r.ts >= d.lastTs) (d.lastTs = r.ts), (d.lastValue = r.value);
    }
  }
  return [...out.values()];
}

/** How far back a point needs stored readings to evaluate (rate and rolling-sum rules), in ms; 0 when none. */
export function historyWindowMs(e: CatalogEntry): number {
  return Math.max((e.sensor.rateRule?.windowSec ?? 0) * 1000, (e.sensor.thresholds.sumOverSec ?? 0) * 1000);
}

export interface PlanContext {
  catalog: Catalog;
  points: Map<string, Point>;
  /** Alarms the handling loop has closed; their points forget them before evaluating. */
  closed: Set<string>;
  /** Stored readings of the history-needing sensors, ascending by ts (this flush's included). */
  history: Map<number, Reading[]>;
  now: number;
  nodeId: string;
  utcOffsetMin: number;
}

export const pointId = (key: number, rule: RuleName) => `${key}|${rule}`;

function thresholdsOf(e: CatalogEntry): Thresholds {
  return e.sensor.thresholds;
}

/**
 * Evaluates the newly stored readings, in time order per point, and plans the writes that follow:
 * point states, alarm rows, their history and change-log entries, rollups. Pure except for ids; the
 * caller applies the plan in the same transaction as the readings and, after commit, `adopt`s it.
 */
export function planFlush(inserted: Row[], ctx: PlanContext): { plan: FlushPlan; points: Map<string, Point> } {
  const plan: FlushPlan = { rollups: rollupDeltas(inserted, ctx.utcOffsetMin), states: [], alarmInserts: [], alarmUpdates: [], actions: [], changes: [], touched: [] };
  const next = new Map<string, Point>();
  const sorted = [...inserted].sort((a, b) => a.key - b.key || a.ts - b.ts);
  for (const r of sorted) {
    const e = ctx.catalog.byKey(r.key);
    if (!e) continue;
    const hist = ctx.history.get(r.key);
    const sumOver = e.sensor.thresholds.sumOverSec;
    const valueReading: Reading = sumOver && hist ? { ts: r.ts, value: windowSum(hist, sumOver, r.ts) } : { ts: r.ts, value: r.value };
    step(e, 'value', valueReading, thresholdsOf(e), r.value);
    const rate = e.sensor.rateRule;
    if (rate && hist) {
      const rr = rateReading(hist, rate, r.ts);
      if (rr) step(e, 'rate', rr, rate, r.value);
    }
  }
  for (const [id, p] of next) {
    const [key, rule] = id.split('|') as [string, RuleName];
    plan.states.push({ key: Number(key), rule, state: p.state, alarmId: p.alarmId });
  }
  return { plan, points: next };

  function step(e: CatalogEntry, rule: RuleName, reading: Reading, t: Thresholds, raw: number) {
    const id = pointId(e.sensor.key, rule);
    let p = next.get(id) ?? ctx.points.get(id) ?? { state: null as unknown as PointState, alarmId: null };
    if (p.alarmId && ctx.closed.has(p.alarmId)) p = { state: alarmClosed(p.state), alarmId: null };
    const res = evaluate(p.state, reading, t);
    let alarmId = p.alarmId;
    for (const ev of res.events) alarmId = applyEvent(e, rule, ev, res.state, alarmId, raw);
    next.set(id, { state: res.state, alarmId: res.state.alarm ? alarmId : null });
  }

  function applyEvent(e: CatalogEntry, rule: RuleName, ev: AlarmEvent, state: PointState, alarmId: string | null, raw: number): string {
    const now = ctx.now;
    const kind = rule === 'rate' ? 'rate' : 'threshold';
    const details = { ...ev, raw, rule };
    if (ev.type === 'opened' || !alarmId) {
      const level = ev.type === 'opened' ? ev.level : (state.level ?? state.alarm?.peak ?? 'blue');
      const id = uuidv7();
      const row: AlarmsTable = {
        id,
        site_id: e.site.id,
        sensor_id: e.sensor.id,
        region_code: e.site.region,
        enterprise_id: e.site.enterprise,
        kind,
        level,
        current_level: state.level,
        state: 'open',
        value: ev.value,
        message: alarmMessage(e, kind, level, ev.value),
        opened_at: ev.ts,
        recovered_at: state.alarm?.recoveredAt ?? null,
        relapses: 0,
        acknowledged_at: null,
        acknowledged_by: null,
        analysed_at: null,
        analysed_by: null,
        cause: null,
        measures: null,
        verified_at: null,
        verified_by: null,
        closed_at: null,
        closed_by: null,
        tier: 'enterprise',
        escalated_at: null,
        reminded_at: null,
        created_at: now,
        updated_at: now,
        origin_node: ctx.nodeId,
      };
      plan.alarmInserts.push(row);
      plan.actions.push(action(id, 'opened', details));
      plan.changes.push(change(id, 'create', row));
      plan.touched.push(id);
      return id;
    }
    const sync: AlarmSync = {
      id: alarmId,
      level: state.alarm?.peak ?? state.level ?? 'blue',
      current_level: state.level,
      recovered_at: state.alarm?.recoveredAt ?? null,
      relapses: state.alarm?.relapses ?? 0,
      value: ev.value,
      updated_at: now,
    };
    const prev = plan.alarmUpdates.findIndex((u) => u.id === alarmId);
    if (prev >= 0) plan.alarmUpdates[prev] = sync;
    else plan.alarmUpdates.push(sync);
    plan.actions.push(action(alarmId, ev.type, details));
    plan.changes.push(change(alarmId, ev.type, { level: sync.level, currentLevel: sync.current_level, recoveredAt: sync.recovered_at, relapses: sync.relapses }));
    plan.touched.push(alarmId);
    return alarmId;
  }

  function action(alarmId: string, name: string, details: unknown): AlarmActionsTable {
    return { id: uuidv7(), alarm_id: alarmId, at: ctx.now, actor_id: 'system', actor_name: 'system', action: name, note: null, details: JSON.stringify(details) };
  }

  function change(alarmId: string, op: string, changes: unknown): ChangeRow {
    return { id: uuidv7(), at: ctx.now, actor_id: 'system', actor_name: 'system', entity: 'alarm', entity_id: alarmId, op, changes: JSON.stringify(changes), origin_node: ctx.nodeId };
  }
}

export function alarmMessage(e: CatalogEntry, kind: string, level: Level, value: number): string {
  const base = `${e.site.code}/${e.sensor.code} ${LEVEL_LABELS[level].zh}: ${kind === 'rate' ? '变化速率' : '监测值'} ${value}${kind === 'rate' ? '' : ` ${e.sensor.unit}`}`;
  const ins = instructionFor(e.sensor.kind, level);
  return ins ? `${base}。${ins.zh}` : base;
}
