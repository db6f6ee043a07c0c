import { uuidv7 } from 'uuidv7';
import { newAlarm, sensorKindInfo, spikeOfValues, type Reading, type SensorKind } from '../../domain/monitoring/index.ts';
import { latestQualityFlags, qualityFlagsBetween } from '../../store/repos/monitoring/quality.ts';
import type { Deps } from '../context.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import type { Row } from './intake.ts';
import type { FlushPlan } from './plan.ts';
import type { SensorService } from './sensors.ts';
import { readingWindow, type SeriesService } from './series.ts';
import type { QualityCheck, QualityOutcome } from './writer.ts';

/** Defaults of the domain's stuckFlag: 12 identical readings spanning at least 6 h. */
const STUCK_COUNT = 12;
const STUCK_SPAN_MS = 6 * 3_600_000;
/** History kept per sensor for the spike test (robust median/MAD of the recent readings); also what a window is seeded with. */
const WINDOW = 12;

interface SensorWindow {
  /** The last WINDOW values, a ring: `n` of them are filled, the newest at `(at - 1) mod WINDOW`. */
  values: Float64Array;
  n: number;
  at: number;
  lastTs: number;
  runValue: number;
  runStart: number;
  runCount: number;
}

/** The reading joins the window: its run of equal values and its ring of recent values move on. */
function advance(w: SensorWindow, ts: number, value: number) {
  if (w.runCount > 0 && value === w.runValue) w.runCount++;
  else (w.runValue = value), (w.runStart = ts), (w.runCount = 1);
  w.values[w.at] = value;
  w.at = (w.at + 1) % WINDOW;
  if (w.n < WINDOW) w.n++;
  w.lastTs = ts;
}

/** A window holding the sensor's stored readings before this flush's (ascending by ts), so that a restart does not cut a run. */
function seededWindow(stored: readonly Reading[] | undefined): SensorWindow {
  const w: SensorWindow = { values: new Float64Array(WINDOW), n: 0, at: 0, lastTs: -Infinity, runValue: 0, runStart: 0, runCount: 0 };
  if (stored) for (const r of stored) advance(w, r.ts, r.value);
  return w;
}

/**
 * Data-quality flags (stuck, spike; src/domain/monitoring/quality.ts), evaluated by the writer inside
 * the transaction that stores the readings: a small in-memory window per sensor (seeded from the store
 * when a sensor is first seen), flags in readings_quality, and a blue 'quality' alarm while a sensor is
 * flat-lined (a data-quality finding, not a danger level), all committed with the readings. Late
 * readings (older than the sensor's newest) are stored and alarmed as usual but not quality-checked:
 * the window only moves forward.
 */
export function createQuality(deps: Pick<Deps, 'store' | 'nodeId'>, catalog: Catalog) {
  const { db } = deps.store;
  const windows = new Map<number, SensorWindow>();
  /** Sensor id → its live stuck alarm, as committed. */
  const stuckAlarms = new Map<string, string>();
  const scratch = new Float64Array(WINDOW);

  const check: QualityCheck = {
    seedSize: WINDOW,
    unseen(groups) {
      const out: { key: number; before: number }[] = [];
      for (const [key, rows] of groups) {
        // Derived rows are not checked: a sensor that has only those needs no window.
        if (windows.has(key) || !catalog.byKey(key) || !rows.some((r) => r.index >= 0)) continue;
        out.push({ key, before: rows[0]!.ts });
      }
      return out;
    },
    evaluate,
    committed(outcome) {
      if (outcome) for (const [sensorId, alarmId] of outcome) alarmId ? stuckAlarms.set(sensorId, alarmId) : stuckAlarms.delete(sensorId);
    },
    forget(keys) {
      for (const k of keys) windows.delete(k);
    },
  };

  /**
   * Checks the newly stored readings (by sensor, ascending by ts; derived rows are not the
   * instrument's and are skipped) and adds its findings to the plan. No allocation per reading except
   * for a finding; the stuck alarms opened or recovered are returned, for `committed`.
   */
  function evaluate(groups: Map<number, Row[]>, plan: FlushPlan, now: number, seeds: Map<number, Reading[]>): QualityOutcome {
    let outcome: Map<string, string | null> | null = null;
    for (const [key, rows] of groups) {
      const entry = catalog.byKey(key);
      if (!entry) continue;
      let w = windows.get(key);
      const flatIsNormal = sensorKindInfo(entry.sensor.kind as SensorKind).flatIsNormal;
      const sensorId = entry.sensor.id;
      for (const r of rows) {
        if (r.index < 0) continue;
        const { ts, value } = r;
        if (!w) windows.set(key, (w = seededWindow(seeds.get(key))));
        if (ts <= w.lastTs) continue;
        const prev = w.n ? w.values[(w.at + WINDOW - 1) % WINDOW] : undefined;
        const spike = spikeOfValues(w.values, w.n, prev, value, {}, scratch);
        if (spike && spike.flag === 'spike') plan.qualityFlags.push({ sensor_key: key, ts, flag: 'spike', detail: JSON.stringify({ deviation: spike.deviation, limit: spike.limit }), created_at: now });
        advance(w, ts, value);
        const stuck = !flatIsNormal && w.runCount >= STUCK_COUNT && ts - w.runStart >= STUCK_SPAN_MS;
        const live = outcome?.has(sensorId) ? outcome.get(sensorId) : stuckAlarms.get(sensorId);
        if (stuck) {
          plan.qualityFlags.push({ sensor_key: key, ts, flag: 'stuck', detail: JSON.stringify({ count: w.runCount, sinceTs: w.runStart }), created_at: now });
          if (!live) (outcome ??= new Map()).set(sensorId, openAlarm(plan, entry, w.runStart, w.runCount, now));
        } else if (live && w.runCount === 1) {
          recoverAlarm(plan, live, ts, now);
          (outcome ??= new Map()).set(sensorId, null);
        }
      }
    }
    return outcome;
  }

  function openAlarm(plan: FlushPlan, e: CatalogEntry, since: number, count: number, now: number): string {
    const id = uuidv7();
    const row = newAlarm({
      id,
      siteId: e.site.id,
      sensorId: e.sensor.id,
      regionCode: e.site.region,
      enterpriseId: e.site.enterprise,
      kind: 'quality',
      level: 'blue',
      message: `${e.site.code}/${e.sensor.code} 数据质量：监测值自 ${new Date(since).toISOString()} 起连续 ${count} 次不变（疑似传感器故障，非险情等级）`,
      openedAt: since,
      now,
      originNode: deps.nodeId,
    });
    plan.alarmInserts.push(row);
    record(plan, id, 'opened', { flag: 'stuck', since, count }, now);
    plan.changes.push(change(id, 'create', row, now));
    return id;
  }

  function recoverAlarm(plan: FlushPlan, id: string, ts: number, now: number) {
    plan.qualityRecoveries.push({ id, recovered_at: ts, updated_at: now });
    record(plan, id, 'recovered', { at: ts }, now);
    plan.changes.push(change(id, 'recovered', { at: ts }, now));
  }

  function record(plan: FlushPlan, alarmId: string, action: string, details: unknown, now: number) {
    plan.actions.push({ id: uuidv7(), alarm_id: alarmId, at: now, actor_id: 'system', actor_name: 'system', action, note: null, details: JSON.stringify(details) });
    plan.touched.push(alarmId);
  }

  function change(alarmId: string, op: string, changes: unknown, now: number): FlushPlan['changes'][number] {
    return { id: uuidv7(), at: now, actor_id: 'system', actor_name: 'system', entity: 'alarm', entity_id: alarmId, op, changes: JSON.stringify(changes), origin_node: deps.nodeId };
  }

  const this_ = {
    /** At start: the stuck alarms still live, so that a sensor moving again after a restart recovers its alarm. */
    async load() {
      const live = await db.selectFrom('alarms').select(['id', 'sensor_id']).where('kind', '=', 'quality').where('state', '!=', 'closed').where('recovered_at', 'is', null).execute();
      for (const a of live) if (a.sensor_id) stuckAlarms.set(a.sensor_id, a.id);
    },
    /** The writer's side: evaluated inside each commit. */
    check,
    /** Flags of raw readings in a span, by ts (for the readings API). */
    async flagsBetween(key: number, from: number, to: number): Promise<Map<number, string>> {
      const out = new Map<number, string>();
      for (const f of await qualityFlagsBetween(db, key, from, to)) out.set(f.ts, out.has(f.ts) ? `${out.get(f.ts)},${f.flag}` : f.flag);
      return out;
    },
    /** The sensor's data quality now, for its detail view. */
    async sensorQuality(key: number, sensorId: string) {
      const w = windows.get(key);
      return { stuckAlarm: stuckAlarms.get(sensorId) ?? null, sameValueCount: w?.runCount ?? 0, sameValueSince: w?.runCount ? w.runStart : null, recentFlags: await latestQualityFlags(db, key) };
    },
    /** The readings API with each flagged raw reading carrying `flag` ('spike', 'stuck' or both). */
    flagSeries(series: SeriesService, sensors: SensorService): SeriesService {
      return {
        ...series,
        async readings(actor, siteRef, sensorRef, q) {
          const window = readingWindow(q);
          const res = await series.readings(actor, siteRef, sensorRef, { ...q, ...window });
          if (res.step !== null) return res;
          const { sensor } = await sensors.get(actor, siteRef, sensorRef);
          const flags = await this_.flagsBetween(sensor.key, window.from, window.to);
          if (flags.size === 0) return res;
          return { ...res, items: res.items.map((r) => (flags.has(r.ts) ? { ...r, flag: flags.get(r.ts)! } : r)) };
        },
      };
    },
    /** The sensor service whose detail view carries the sensor's data quality. */
    flagSensors(sensors: SensorService): SensorService {
      return {
        ...sensors,
        async get(actor, siteRef, sensorRef) {
          const r = await sensors.get(actor, siteRef, sensorRef);
          return { ...r, view: { ...r.view, quality: await this_.sensorQuality(r.sensor.key, r.sensor.id) } };
        },
      };
    },
  };
  return this_;
}

export type Quality = ReturnType<typeof createQuality>;
