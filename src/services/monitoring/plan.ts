import { uuidv7 } from 'uuidv7';
import {
  alarmClosed,
  evaluate,
  instructionFor,
  LEVEL_LABELS,
  newAlarm,
  rateReading,
  windowSum,
  type AlarmEvent,
  type Level,
  type PointState,
  type Reading,
  type Thresholds,
} from '../../domain/monitoring/index.ts';
import type { AlarmSync, ChangeRow, FlushPlan, RollupDelta, RuleName, StateWrite } from '../../store/repos/monitoring/plan-types.ts';
import type { AlarmActionsTable, AlarmsTable } from '../../store/repos/monitoring/tables.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import type { Row } from './intake.ts';

export type { AlarmSync, ChangeRow, FlushPlan, RollupDelta, RuleName, StateWrite };

export interface Point {
  state: PointState;
  alarmId: string | null;
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Start of the bucket holding ts; days begin at local midnight (China Standard Time by default). */
export function bucketStart(ts: number, bucketMs: number, utcOffsetMin: number): number {
  if (bucketMs < DAY) return Math.floor(ts / bucketMs) * bucketMs;
  const off = utcOffsetMin * 60_000;
  return Math.floor((ts + off) / bucketMs) * bucketMs - off;
}

export const TEN_MINUTES = 600_000;
/** Rollup bucket sizes maintained as data arrives: 10 minutes (the chart's finest step over a month), hour, day. */
export const ROLLUP_BUCKETS = [TEN_MINUTES, HOUR, DAY] as const;

/**
 * 10-minute, hourly and daily aggregates of one sensor's newly stored readings, ascending by ts
 * (duplicates are not counted again). Sorted rows fill each bucket in one run, so no lookup is needed.
 */
export function rollupDeltas(key: number, rows: readonly Reading[], utcOffsetMin: number, out: RollupDelta[] = []): RollupDelta[] {
  for (const ms of ROLLUP_BUCKETS) {
    let d: RollupDelta | null = null;
    for (const r of rows) {
      const start = bucketStart(r.ts, ms, utcOffsetMin);
      if (d === null || d.bucketStart !== start) {
        d = { key, bucketSec: ms / 1000, bucketStart: start, count: 1, sum: r.value, min: r.value, max: r.value, firstTs: r.ts, firstValue: r.value, lastTs: r.ts, lastValue: r.value };
        out.push(d);
        continue;
      }
      d.count++;
      d.sum += r.value;
      if (r.value < d.min) d.min = r.value;
      if (r.value > d.max) d.max = r.value;
      d.lastTs = r.ts;
      d.lastValue = r.value;
    }
  }
  return out;
}

/** Newly stored rows by sensor (ascending keys), each sensor's rows ascending by ts; sorts only what arrived out of order. */
export function groupBySensor<T extends { key: number; ts: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  let sortedKeys = true;
  let prevKey = -Infinity;
  for (const r of rows) {
    let g = groups.get(r.key);
    if (!g) {
      groups.set(r.key, (g = []));
      if (r.key < prevKey) sortedKeys = false;
      prevKey = r.key;
    }
    g.push(r);
  }
  for (const g of groups.values()) {
    for (let i = 1; i < g.length; i++) {
      if (g[i]!.ts < g[i - 1]!.ts) {
        g.sort((x, y) => x.ts - y.ts);
        break;
      }
    }
  }
  if (sortedKeys) return groups;
  return new Map([...groups].sort((x, y) => x[0] - y[0]));
}

/** How far back a point needs stored readings to evaluate (rate and rolling-sum rules), in ms; 0 when none. */
export function historyWindowMs(e: CatalogEntry): number {
  return Math.max((e.sensor.rateRule?.windowSec ?? 0) * 1000, (e.sensor.thresholds.sumOverSec ?? 0) * 1000);
}

export interface PlanContext {
  catalog: Catalog;
  /** The points as committed (a Map, or a view over one with pending changes). */
  points: { get(id: string): Point | undefined };
  /** Alarms the handling loop has closed; their points forget them before evaluating. */
  closed: Set<string>;
  /** Stored readings of the history-needing sensors, ascending by ts (this flush's included). */
  history: Map<number, Reading[]>;
  now: number;
  nodeId: string;
  utcOffsetMin: number;
}

export const pointId = (key: number, rule: RuleName) => `${key}|${rule}`;

/** Point ids by sensor key, built once: the write path looks them up per reading. */
const pointIds = new Map<number, { value: string; rate: string }>();
function idsOf(key: number) {
  let ids = pointIds.get(key);
  if (!ids) pointIds.set(key, (ids = { value: pointId(key, 'value'), rate: pointId(key, 'rate') }));
  return ids;
}

/**
 * Whether a new state must be written: the durable part (confirmed level, alarm, pending streaks,
 * late count) changed. lastTs and lastValue alone are not written on every reading: at start they are
 * recovered from the readings table (`recoverLast`).
 */
export function durableChanged(prev: PointState | null | undefined, next: PointState): boolean {
  if (!prev) return true;
  if (prev.level !== next.level || prev.lateCount !== next.lateCount) return true;
  if (prev.alarm !== next.alarm) {
    const a = prev.alarm;
    const b = next.alarm;
    if (!a || !b || a.openedAt !== b.openedAt || a.peak !== b.peak || a.recoveredAt !== b.recoveredAt || a.relapses !== b.relapses) return true;
  }
  let n = 0;
  for (const l in next.pending) {
    const x = prev.pending[l as Level];
    const y = next.pending[l as Level]!;
    if (!x || x.since !== y.since || x.count !== y.count) return true;
    n++;
  }
  for (const _ in prev.pending) n--;
  return n !== 0;
}

/** A stored state brought up to the newest stored reading of its sensor (lastTs/lastValue are not written on every reading). */
export function recoverLast(state: PointState, rule: RuleName, latest: Reading | undefined, plainValue: boolean): PointState {
  if (!latest || (state.lastTs !== null && state.lastTs >= latest.ts)) return state;
  // The rate rule and rolling sums evaluate a derived value: only its time is recovered.
  return { ...state, lastTs: latest.ts, lastValue: rule === 'value' && plainValue ? latest.value : state.lastValue };
}

function thresholdsOf(e: CatalogEntry): Thresholds {
  return e.sensor.thresholds;
}

/**
 * Evaluates the newly stored readings, in time order per point, and plans the writes that follow:
 * point states, alarm rows, their history and change-log entries, rollups. Pure except for ids; the
 * caller applies the plan in the same transaction as the readings and, after commit, `adopt`s it.
 */
export function planFlush(groups: Map<number, Row[]>, ctx: PlanContext): { plan: FlushPlan; points: Map<string, Point> } {
  const plan: FlushPlan = { rollups: [], states: [], alarmInserts: [], alarmUpdates: [], actions: [], changes: [], qualityFlags: [], qualityRecoveries: [], touched: [] };
  const next = new Map<string, Point>();
  const dirty = new Map<string, { key: number; rule: RuleName }>();
  for (const [key, rows] of groups) {
    rollupDeltas(key, rows, ctx.utcOffsetMin, plan.rollups);
    const e = ctx.catalog.byKey(key);
    if (!e) continue;
    const ids = idsOf(key);
    const hist = ctx.history.get(key);
    const t = thresholdsOf(e);
    const sumOver = e.sensor.thresholds.sumOverSec;
    const rate = e.sensor.rateRule;
    for (const r of rows) {
      const valueReading: Reading = sumOver && hist ? { ts: r.ts, value: windowSum(hist, sumOver, r.ts) } : r;
      step(e, ids.value, 'value', valueReading, t, r.value);
      if (rate && hist) {
        const rr = rateReading(hist, rate, r.ts);
        if (rr) step(e, ids.rate, 'rate', rr, rate, r.value);
      }
    }
  }
  for (const [id, w] of dirty) {
    const p = next.get(id)!;
    plan.states.push({ key: w.key, rule: w.rule, state: p.state, alarmId: p.alarmId });
  }
  return { plan, points: next };

  function step(e: CatalogEntry, id: string, rule: RuleName, reading: Reading, t: Thresholds, raw: number) {
    const before = next.get(id) ?? ctx.points.get(id);
    let p = before ?? { state: null as unknown as PointState, alarmId: null };
    if (p.alarmId && ctx.closed.has(p.alarmId)) p = { state: alarmClosed(p.state), alarmId: null };
    const res = evaluate(p.state, reading, t);
    let alarmId = p.alarmId;
    for (const ev of res.events) alarmId = applyEvent(e, rule, ev, res.state, alarmId, raw);
    const after = { state: res.state, alarmId: res.state.alarm ? alarmId : null };
    next.set(id, after);
    if (!dirty.has(id) && (before?.alarmId !== after.alarmId || durableChanged(before?.state, after.state))) dirty.set(id, { key: e.sensor.key, rule });
  }

  function applyEvent(e: CatalogEntry, rule: RuleName, ev: AlarmEvent, state: PointState, alarmId: string | null, raw: number): string {
    const now = ctx.now;
    const kind = rule === 'rate' ? 'rate' : 'threshold';
    const details = { ...ev, raw, rule };
    if (ev.type === 'opened' || !alarmId) {
      const level = ev.type === 'opened' ? ev.level : (state.level ?? state.alarm?.peak ?? 'blue');
      const id = uuidv7();
      const row: AlarmsTable = newAlarm({
        id,
        siteId: e.site.id,
        sensorId: e.sensor.id,
        regionCode: e.site.region,
        enterpriseId: e.site.enterprise,
        kind,
        level,
        currentLevel: state.level,
        value: ev.value,
        message: alarmMessage(e, kind, level, ev.value),
        openedAt: ev.ts,
        recoveredAt: state.alarm?.recoveredAt ?? null,
        now,
        originNode: ctx.nodeId,
      });
      plan.alarmInserts.push(row);
      plan.actions.push(action(id, 'opened', details));
      plan.changes.push(change(id, 'create', row));
      plan.touched.push(id);
      return id;
    }
    const peak = state.alarm?.peak ?? state.level ?? 'blue';
    // The text names the alarm's level and what to do at it (a goaf red: stop work, withdraw people):
    // it follows the alarm up to each new peak; a fall keeps the text of the peak.
    const atPeak = (ev.type === 'escalated' && ev.to === peak) || (ev.type === 'relapsed' && ev.level === peak);
    const prev = plan.alarmUpdates.findIndex((u) => u.id === alarmId);
    const sync: AlarmSync = {
      id: alarmId,
      level: peak,
      current_level: state.level,
      recovered_at: state.alarm?.recoveredAt ?? null,
      relapses: state.alarm?.relapses ?? 0,
      value: ev.value,
      message: atPeak ? alarmMessage(e, kind, peak, ev.value) : prev >= 0 ? plan.alarmUpdates[prev]!.message : null,
      updated_at: now,
    };
    if (prev >= 0) plan.alarmUpdates[prev] = sync;
    else plan.alarmUpdates.push(sync);
    plan.actions.push(action(alarmId, ev.type, details));
    plan.changes.push(
      change(alarmId, ev.type, { level: sync.level, currentLevel: sync.current_level, recoveredAt: sync.recovered_at, relapses: sync.relapses, ...(atPeak ? { message: sync.message } : {}) }),
    );
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
