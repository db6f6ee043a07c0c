import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import { findAlarms } from '../../store/repos/monitoring/alarms.ts';
import { latestReadings } from '../../store/repos/monitoring/readings.ts';
import { listAllSensors, sensorsFingerprint, sensorVersions } from '../../store/repos/monitoring/sensors.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { PointState } from '../../domain/monitoring/index.ts';
import { createAlarmService } from './alarms.ts';
import type { Network } from './alarm-orders.ts';
import { createCatalog } from './catalog.ts';
import { createDeviceService } from './devices.ts';
import { createIngestService } from './ingest.ts';
import { ingestLimitOf } from './ingest-limit.ts';
import { createMonitoringJobs } from './jobs.ts';
import { pointId, recoverLast, type Point, type RuleName } from './plan.ts';
import { createSensorService, placeOf } from './sensors.ts';
import { createSeriesService } from './series.ts';
import { createNotifier } from './notifications.ts';
import { createQuality } from './quality.ts';
import { createRetention } from './retention.ts';
import { createMonitoringSettings } from './settings.ts';
import { createSiteProfileService } from './site-profile.ts';
import { createStatusService } from './status.ts';
import { createWriter } from './writer.ts';

export type { RawReading } from './intake.ts';
export type { IngestResult } from './ingest.ts';

/**
 * Online monitoring and early warning, wired once: the sensor catalogue and point states live in
 * memory (loaded by `start`), the writer commits readings with their alarms, the rest read.
 */
export function createMonitoring(deps: Deps, sites: SiteService) {
  const catalog = createCatalog();
  const points = new Map<string, Point>();
  const settings = createMonitoringSettings(deps.store.db, deps.now, deps.nodeId);
  const log = (err: unknown) => console.error('[monitoring]', err);
  let alarms: ReturnType<typeof createAlarmService> | null = null;
  const quality = createQuality(deps, catalog);
  const writer = createWriter({
    store: deps.store,
    catalog,
    points,
    now: deps.now,
    nodeId: deps.nodeId,
    utcOffsetMin: 480,
    onCommitted: (plan) => {
      if (plan.touched.length && alarms) alarms.publish(plan.touched).catch(log);
    },
    onError: log,
    quality: quality.check,
  });
  alarms = createAlarmService(deps, catalog, writer, settings);
  const sensors = createSensorService(deps, sites, catalog);
  const ingest = createIngestService(catalog, writer, settings, deps.now, ingestLimitOf(deps.config));
  const status = createStatusService(deps, sites, catalog, points, settings);
  const profiles = createSiteProfileService(deps, sites);
  const series = quality.flagSeries(createSeriesService(deps, sensors, writer.pendingRollups), sensors);
  const devices = createDeviceService(deps, sites);
  const notifier = createNotifier(deps, settings);
  const retention = createRetention(deps, settings);
  retention.register(deps.scheduler);
  const jobs = createMonitoringJobs(deps, catalog, points, settings, (ids) => alarms!.publish(ids));
  const stoppers: (() => void)[] = [() => jobs.stop()];

  /**
   * Sensors written to the store by other paths than the sensor service (a parent's bootstrap of this
   * node, records forwarded by a child, a threshold template applied from above) join the catalogue:
   * a cheap fingerprint first, then the keys whose version differs. Returns how many were (re)loaded.
   */
  let fingerprint = '';
  async function syncCatalog(): Promise<number> {
    const { db } = deps.store;
    const fp = await sensorsFingerprint(db);
    if (fp === fingerprint) return 0;
    const stale = (await sensorVersions(db)).filter((r) => catalog.byKey(r.key)?.sensor.version !== r.version).map((r) => r.key);
    for (let i = 0; i < stale.length; i += 500) for (const { sensor, site } of await listAllSensors(db, stale.slice(i, i + 500))) catalog.put(sensor, site);
    fingerprint = fp;
    return stale.length;
  }

  async function load() {
    const { db } = deps.store;
    await settings.load();
    await quality.load();
    for (const { sensor, site } of await listAllSensors(db)) catalog.put(sensor, site);
    const recovered = await writer.recoverRollups();
    if (recovered) console.log(`[monitoring] rollups: counted ${recovered} readings stored after their last write`);
    const rows = await db.selectFrom('point_states').selectAll().execute();
    const live = rows.filter((r) => r.alarm_id).map((r) => r.alarm_id!);
    const closed = new Set((await findAlarms(db, live)).filter((a) => a.state === 'closed').map((a) => a.id));
    const latest = await latestReadings(db);
    for (const r of rows) {
      const key = Number(r.sensor_key);
      const id = pointId(key, r.rule as RuleName);
      const state = recoverLast(JSON.parse(r.state) as PointState, r.rule as RuleName, latest.get(key), !catalog.byKey(key)?.sensor.thresholds.sumOverSec);
      points.set(id, { state, alarmId: r.alarm_id });
      // Closed by the loop but not yet forgotten by the point before a restart: finish it now.
      if (r.alarm_id && closed.has(r.alarm_id)) writer.alarmClosed(r.alarm_id, id);
    }
  }

  return {
    catalog,
    points,
    settings,
    writer,
    sensors: quality.flagSensors(sensors),
    ingest,
    alarms,
    status,
    profiles,
    series,
    jobs,
    devices,
    notifier,
    retention,
    quality,
    syncCatalog,
    /** Registers the order handlers (alarm.act, monitoring.change_request) with the node's router, once at start. */
    connect(network: Network) {
      alarms!.connect(network);
      sensors.requests.connect(network);
    },
    async start() {
      await load();
      jobs.start();
      const catalogTimer = setInterval(() => void syncCatalog().catch(log), 5000);
      catalogTimer.unref();
      stoppers.push(() => clearInterval(catalogTimer));
      stoppers.push(notifier.start());
      stoppers.push(
        deps.events.subscribe('record.changed', (c) => {
          if (c.entity !== 'site' || c.op !== 'update') return;
          findSite(deps.store.db, c.id)
            .then((s) => s && catalog.putSite(placeOf(s)))
            .catch(log);
        }),
        // A template changed thresholds: the catalogue takes them now, not at its next round.
        deps.events.subscribe('thresholds.applied', () => void syncCatalog().catch(log)),
        deps.events.subscribe('records.bootstrapped', () => void syncCatalog().catch(log)),
      );
    },
    async stop() {
      for (const s of stoppers.splice(0)) s();
      await writer.drain();
      await writer.flushRollups();
    },
  };
}

export type Monitoring = ReturnType<typeof createMonitoring>;
