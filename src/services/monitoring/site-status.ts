import {
  aggregateSite,
  isFloodSeason,
  maxLevel,
  reportedConnectivity,
  siteConnectivity,
  siteStatus,
  type Level,
  type PointLevel,
  type SensorKind,
  type SiteConnectivity,
  type SiteStatus,
} from '../../domain/monitoring/index.ts';
import type { CatalogEntry } from './catalog.ts';
import { pointId, type Point } from './plan.ts';
import type { MonitoringSettings } from './settings.ts';

export type ComputedStatus = SiteStatus & { connectivity: SiteConnectivity };

/** The live level of a sensor: the higher of its value and rate rules. */
export function sensorLevel(points: Map<string, Point>, key: number): Level | null {
  return maxLevel(points.get(pointId(key, 'value'))?.state.level ?? null, points.get(pointId(key, 'rate'))?.state.level ?? null);
}

export function lastSeen(points: Map<string, Point>, key: number): number | null {
  return points.get(pointId(key, 'value'))?.state.lastTs ?? null;
}

/** GB 39496 §5.5.4 status of one site from the in-memory point states; offline points count as no level. */
export function computeSiteStatus(entries: readonly CatalogEntry[], points: Map<string, Point>, settings: MonitoringSettings, now: number): ComputedStatus {
  const cfg = settings.get();
  const live = entries.filter((e) => !e.sensor.disabled);
  const levels = live.map((e) => ({ sensor: e.sensor.code, kind: e.sensor.kind, level: sensorLevel(points, e.sensor.key) }));
  const first = aggregateSite(levels, cfg.aggregation);
  const conn = siteConnectivity(
    live.map((e) => ({ code: e.sensor.code, kind: e.sensor.kind, expectedIntervalSec: e.sensor.expectedIntervalSec, lastSeen: lastSeen(points, e.sensor.key), installedAt: e.sensor.createdAt })),
    now,
    { siteLevel: first.level, floodSeason: isFloodSeason(now, cfg.offline.floodSeason, cfg.offline.utcOffsetMin) },
    cfg.offline,
  );
  return withOffline(levels, conn, settings);
}

/** A sensor watched by a node below this one, as it forwarded it: live level, newest reading, offline alarm. */
export interface ReportedSensor {
  code: string;
  kind: SensorKind;
  expectedIntervalSec: number;
  createdAt: number;
  disabled: boolean;
  /** Highest current level of its live threshold and rate alarms. */
  level: Level | null;
  /** Time of its newest forwarded reading. */
  lastSeen: number | null;
  /** Start of its live offline alarm; null when the watching node reports it online. */
  offlineSince: number | null;
}

/**
 * The same status for a site watched by a node below, from what that node forwarded (its alarms and
 * readings) instead of point states this node never updates for it. The aggregation is the same.
 */
export function computeReportedSiteStatus(sensors: readonly ReportedSensor[], settings: MonitoringSettings, now: number): ComputedStatus {
  const cfg = settings.get();
  const live = sensors.filter((s) => !s.disabled);
  const levels = live.map((s) => ({ sensor: s.code, kind: s.kind, level: s.level }));
  const first = aggregateSite(levels, cfg.aggregation);
  const conn = reportedConnectivity(
    live.map((s) => ({ code: s.code, kind: s.kind, expectedIntervalSec: s.expectedIntervalSec, lastSeen: s.lastSeen, installedAt: s.createdAt, offlineSince: s.offlineSince })),
    now,
    { siteLevel: first.level, floodSeason: isFloodSeason(now, cfg.offline.floodSeason, cfg.offline.utcOffsetMin) },
    cfg.offline,
  );
  return withOffline(levels, conn, settings);
}

/** Points → items → site again, offline points counting as no level. */
function withOffline(levels: readonly PointLevel[], conn: SiteConnectivity, settings: MonitoringSettings): ComputedStatus {
  const off = new Set(conn.offline);
  const status = siteStatus(levels.map((l) => (off.has(l.sensor) ? { ...l, level: null } : l)), conn.offline, settings.get().aggregation);
  return { ...status, connectivity: conn };
}
