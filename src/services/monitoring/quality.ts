import { uuidv7 } from 'uuidv7';
import { newAlarm, sensorKindInfo, spikeOfValues, type SensorKind } from '../../domain/monitoring/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { insertAlarm, insertAlarmAction } from '../../store/repos/monitoring/alarms.ts';
import { insertQualityFlags, latestQualityFlags, qualityFlagsBetween, type ReadingsQualityTable } from '../../store/repos/monitoring/quality.ts';
import type { Deps } from '../context.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import type { Row } from './intake.ts';
import type { SensorService } from './sensors.ts';
import { readingWindow, type SeriesService } from './series.ts';

/** Defaults of the domain's stuckFlag: 12 identical readings spanning at least 6 h. */
const STUCK_COUNT = 12;
const STUCK_SPAN_MS = 6 * 3_600_000;
/** History kept per sensor for the spike test (robust median/MAD of the recent readings). */
const WINDOW = 12;
/** Beyond this many findings waiting to be written, further ones are counted and dropped rather than growing memory. */
const MAX_BACKLOG = 200_000;

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

interface Findings {
  rows: ReadingsQualityTable[];
  opened: { entry: CatalogEntry; since: number; count: number }[];
  ended: { entry: CatalogEntry; alarmId: string; ts: number }[];
}

/**
 * Data-quality flags (stuck, spike; src/domain/monitoring/quality.ts) evaluated for each accepted
 * reading after its commit, beside the write path rather than in it: a small in-memory window per
 * sensor, flags stored in readings_quality, and a blue 'quality' alarm while a sensor is flat-lined
 * (a data-quality finding, not a danger level). Late readings (older than the sensor's newest) are
 * stored and alarmed as usual but not quality-checked: the window only moves forward.
 */
export function createQuality(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>, catalog: Catalog, publish: (ids: string[]) => Promise<void>) {
  const { db } = deps.store;
  const windows = new Map<number, SensorWindow>();
  /** Sensor id → its live stuck alarm. */
  const stuckAlarms = new Map<string, string>();
  let skipped = 0;
  let running: Promise<void> | null = null;
  const log = (err: unknown) => console.error('[quality]', err);

  const scratch = new Float64Array(WINDOW);
  let findings: Findings = { rows: [], opened: [], ended: [] };
  /** Sensors with a stuck alarm opened in the findings not yet written. */
  const opening = new Set<string>();

  /**
   * Checks the newly committed readings (by sensor, ascending by ts; derived rows are not the
   * instrument's and are skipped). Runs in the writer's commit callback: no allocation per reading
   * except for a finding.
   */
  function observe(stored: Map<number, Row[]>) {
    const now = deps.now();
    for (const [key, rows] of stored) {
      const entry = catalog.byKey(key);
      if (!entry) continue;
      let w = windows.get(key);
      const flatIsNormal = sensorKindInfo(entry.sensor.kind as SensorKind).flatIsNormal;
      for (const r of rows) {
        if (r.index < 0) continue;
        const { ts, value } = r;
        if (!w) windows.set(key, (w = { values: new Float64Array(WINDOW), n: 0, at: 0, lastTs: -Infinity, runValue: value, runStart: ts, runCount: 0 }));
        if (ts <= w.lastTs) continue;
        const prev = w.n ? w.values[(w.at + WINDOW - 1) % WINDOW] : undefined;
        const spike = spikeOfValues(w.values, w.n, prev, value, {}, scratch);
        if (spike && spike.flag === 'spike' && findings.rows.length < MAX_BACKLOG) {
          findings.rows.push({ sensor_key: key, ts, flag: 'spike', detail: JSON.stringify({ deviation: spike.deviation, limit: spike.limit }), created_at: now });
        } else if (spike) skipped++;
        if (w.runCount > 0 && value === w.runValue) w.runCount++;
        else (w.runValue = value), (w.runStart = ts), (w.runCount = 1);
        w.values[w.at] = value;
        w.at = (w.at + 1) % WINDOW;
        if (w.n < WINDOW) w.n++;
        w.lastTs = ts;
        const stuck = !flatIsNormal && w.runCount >= STUCK_COUNT && ts - w.runStart >= STUCK_SPAN_MS;
        const live = stuckAlarms.get(entry.sensor.id);
        if (stuck) {
          if (findings.rows.length < MAX_BACKLOG) findings.rows.push({ sensor_key: key, ts, flag: 'stuck', detail: JSON.stringify({ count: w.runCount, sinceTs: w.runStart }), created_at: now });
          else skipped++;
          if (!live && !opening.has(entry.sensor.id)) {
            findings.opened.push({ entry, since: w.runStart, count: w.runCount });
            opening.add(entry.sensor.id);
          }
        } else if (live && w.runCount === 1) {
          findings.ended.push({ entry, alarmId: live, ts });
          stuckAlarms.delete(entry.sensor.id);
        }
      }
    }
    if (!running && (findings.rows.length || findings.opened.length || findings.ended.length)) {
      running = new Promise<void>((res) => setImmediate(res)).then(drain).catch(log).finally(() => (running = null));
    }
  }

  /** Writes the findings gathered so far: flags, stuck alarms opened and recovered. */
  async function drain() {
    while (findings.rows.length || findings.opened.length || findings.ended.length) {
      const { rows, opened, ended } = findings;
      findings = { rows: [], opened: [], ended: [] };
      const now = deps.now();
      const touched: string[] = [];
      await db.transaction().execute(async (tx) => {
        await insertQualityFlags(tx, rows);
        for (const o of opened) touched.push(await openAlarm(tx, o.entry, o.since, o.count, now));
        for (const e of ended) {
          await tx.updateTable('alarms').set({ recovered_at: e.ts, current_level: null, updated_at: now }).where('id', '=', e.alarmId).where('recovered_at', 'is', null).execute();
          await insertAlarmAction(tx, { id: uuidv7(), alarm_id: e.alarmId, at: now, actor_id: 'system', actor_name: 'system', action: 'recovered', note: null, details: JSON.stringify({ at: e.ts }) });
          touched.push(e.alarmId);
        }
      });
      opened.forEach((o, i) => (stuckAlarms.set(o.entry.sensor.id, touched[i]!), opening.delete(o.entry.sensor.id)));
      if (touched.length) await publish(touched);
    }
  }

  async function openAlarm(tx: Parameters<typeof insertAlarm>[0], e: CatalogEntry, since: number, count: number, now: number): Promise<string> {
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
    await insertAlarm(tx, row);
    await insertAlarmAction(tx, { id: uuidv7(), alarm_id: id, at: now, actor_id: 'system', actor_name: 'system', action: 'opened', note: null, details: JSON.stringify({ flag: 'stuck', since, count }) });
    await appendChange(tx, { actorId: 'system', actorName: 'system', entity: 'alarm', entityId: id, op: 'create', changes: row, originNode: deps.nodeId, at: now });
    return id;
  }

  const this_ = {
    async load() {
      const live = await db.selectFrom('alarms').select(['id', 'sensor_id']).where('kind', '=', 'quality').where('state', '!=', 'closed').where('recovered_at', 'is', null).execute();
      for (const a of live) if (a.sensor_id) stuckAlarms.set(a.sensor_id, a.id);
    },
    observe,
    /** Flags of raw readings in a span, by ts (for the readings API). */
    async flagsBetween(key: number, from: number, to: number): Promise<Map<number, string>> {
      const out = new Map<number, string>();
      for (const f of await qualityFlagsBetween(db, key, from, to)) out.set(f.ts, out.has(f.ts) ? `${out.get(f.ts)},${f.flag}` : f.flag);
      return out;
    },
    /** The sensor's data quality now, for its detail view. */
    async sensorQuality(key: number, sensorId: string) {
      const w = windows.get(key);
      return { stuckAlarm: stuckAlarms.get(sensorId) ?? null, sameValueCount: w?.runCount ?? 0, sameValueSince: w ? w.runStart : null, recentFlags: await latestQualityFlags(db, key) };
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
    /** Resolves when every reading observed so far is evaluated and recorded. */
    async idle() {
      while (running || findings.rows.length || findings.opened.length || findings.ended.length) await (running ?? new Promise((r) => setImmediate(r)));
    },
    stats: () => ({ backlog: findings.rows.length, skipped }),
  };
  return this_;
}

export type Quality = ReturnType<typeof createQuality>;
