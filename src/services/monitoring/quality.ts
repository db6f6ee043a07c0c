import { uuidv7 } from 'uuidv7';
import { sensorKindInfo, spikeFlag, type Reading, type SensorKind } from '../../domain/monitoring/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { insertAlarm, insertAlarmAction } from '../../store/repos/monitoring/alarms.ts';
import { insertQualityFlags, latestQualityFlags, qualityFlagsBetween, type ReadingsQualityTable } from '../../store/repos/monitoring/quality.ts';
import type { Deps } from '../context.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import type { IngestResult, IngestService } from './ingest.ts';
import type { RawReading } from './intake.ts';
import type { SensorService } from './sensors.ts';
import type { SeriesService } from './series.ts';

/** Defaults of the domain's stuckFlag: 12 identical readings spanning at least 6 h. */
const STUCK_COUNT = 12;
const STUCK_SPAN_MS = 6 * 3_600_000;
/** History kept per sensor for the spike test (robust median/MAD of the recent readings). */
const WINDOW = 12;
/** Beyond this many readings waiting, evaluation is skipped rather than growing memory under a burst. */
const MAX_BACKLOG = 200_000;

interface SensorWindow {
  history: Reading[];
  runValue: number;
  runStart: number;
  runCount: number;
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
  let backlog: { entry: CatalogEntry; ts: number; value: number }[] = [];
  let skipped = 0;
  let running: Promise<void> | null = null;
  const log = (err: unknown) => console.error('[quality]', err);

  function observe(readings: readonly RawReading[], result: IngestResult, site?: string) {
    if (result.accepted === 0) return;
    const refused = new Set(result.rejected.map((r) => r.index));
    readings.forEach((r, i) => {
      if (refused.has(i) || typeof r !== 'object' || r === null) return;
      const code = (r.site ?? site) as string;
      const entry = catalog.get(code, r.sensor as string);
      const ts = typeof r.ts === 'number' ? r.ts : Date.parse(r.ts as string);
      if (!entry || typeof r.value !== 'number' || !Number.isFinite(ts)) return;
      if (backlog.length >= MAX_BACKLOG) return void skipped++;
      backlog.push({ entry, ts, value: r.value });
    });
    if (!running && backlog.length) running = new Promise<void>((res) => setImmediate(res)).then(drain).catch(log).finally(() => (running = null));
  }

  async function drain() {
    while (backlog.length) {
      const batch = backlog;
      backlog = [];
      batch.sort((a, b) => a.entry.sensor.key - b.entry.sensor.key || a.ts - b.ts);
      const rows: ReadingsQualityTable[] = [];
      const opened: { entry: CatalogEntry; since: number; count: number }[] = [];
      const ended: { entry: CatalogEntry; alarmId: string; ts: number }[] = [];
      const now = deps.now();
      for (const { entry, ts, value } of batch) {
        const key = entry.sensor.key;
        let w = windows.get(key);
        if (!w) windows.set(key, (w = { history: [], runValue: value, runStart: ts, runCount: 0 }));
        const last = w.history[w.history.length - 1];
        if (last && ts <= last.ts) continue;
        const spike = spikeFlag(w.history, { ts, value });
        if (spike) rows.push({ sensor_key: key, ts, flag: 'spike', detail: JSON.stringify({ deviation: spike.flag === 'spike' ? spike.deviation : null, limit: spike.flag === 'spike' ? spike.limit : null }), created_at: now });
        if (w.runCount > 0 && value === w.runValue) w.runCount++;
        else (w.runValue = value), (w.runStart = ts), (w.runCount = 1);
        w.history.push({ ts, value });
        if (w.history.length > WINDOW) w.history.shift();
        const flatIsNormal = sensorKindInfo(entry.sensor.kind as SensorKind).flatIsNormal;
        const stuck = !flatIsNormal && w.runCount >= STUCK_COUNT && ts - w.runStart >= STUCK_SPAN_MS;
        const live = stuckAlarms.get(entry.sensor.id);
        if (stuck) {
          rows.push({ sensor_key: key, ts, flag: 'stuck', detail: JSON.stringify({ count: w.runCount, sinceTs: w.runStart }), created_at: now });
          if (!live && !opened.some((o) => o.entry === entry)) opened.push({ entry, since: w.runStart, count: w.runCount });
        } else if (live && w.runCount === 1) {
          ended.push({ entry, alarmId: live, ts });
          stuckAlarms.delete(entry.sensor.id);
        }
      }
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
      opened.forEach((o, i) => stuckAlarms.set(o.entry.sensor.id, touched[i]!));
      if (touched.length) await publish(touched);
    }
  }

  async function openAlarm(tx: Parameters<typeof insertAlarm>[0], e: CatalogEntry, since: number, count: number, now: number): Promise<string> {
    const id = uuidv7();
    const row = {
      id,
      site_id: e.site.id,
      sensor_id: e.sensor.id,
      region_code: e.site.region,
      enterprise_id: e.site.enterprise,
      kind: 'quality',
      level: 'blue',
      current_level: 'blue',
      state: 'open',
      value: null,
      message: `${e.site.code}/${e.sensor.code} 数据质量：监测值自 ${new Date(since).toISOString()} 起连续 ${count} 次不变（疑似传感器故障，非险情等级）`,
      opened_at: since,
      recovered_at: null,
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
      origin_node: deps.nodeId,
    };
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
    /** The same ingest service, with each accepted reading quality-checked after its commit. */
    wrap(ingest: IngestService): IngestService {
      return {
        ...ingest,
        async ingest(actor, readings) {
          const r = await ingest.ingest(actor, readings);
          observe(readings, r);
          return r;
        },
        async ingestTrusted(readings, site) {
          const r = await ingest.ingestTrusted(readings, site);
          observe(readings, r, site);
          return r;
        },
      };
    },
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
          const res = await series.readings(actor, siteRef, sensorRef, q);
          if (res.step !== null) return res;
          const { sensor } = await sensors.get(actor, siteRef, sensorRef);
          const flags = await this_.flagsBetween(sensor.key, q.from, q.to);
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
      while (running || backlog.length) await (running ?? new Promise((r) => setImmediate(r)));
    },
    stats: () => ({ backlog: backlog.length, skipped }),
  };
  return this_;
}

export type Quality = ReturnType<typeof createQuality>;
