import {
  aggregateSite,
  itemOf,
  requiredItems,
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

/**
 * Which sensors count in the aggregation: the working ones, and a disabled one whose item the site
 * must have (a required item does not go quiet because its point was switched off).
 */
function counted<T extends { disabled: boolean; kind: string }>(sensors: readonly T[], required: readonly string[]): T[] {
  const must = new Set<string>(required);
  return sensors.filter((s) => !s.disabled || must.has(itemOf(s.kind)));
}

/** The items a site must have, by its kind alone (a pond is held to the wet list) when its profile is not given. */
export const defaultRequired = (siteKind: string | undefined): string[] => requiredItems({ kind: siteKind ?? '' });

/**
 * GB 39496 §5.5.4 status of one site from the in-memory point states. A silent point keeps its last
 * confirmed level, marked stale with when it was last heard: the pond's level never falls because
 * data stopped.
 */
export function computeSiteStatus(
  entries: readonly CatalogEntry[],
  points: Map<string, Point>,
  settings: MonitoringSettings,
  now: number,
  required: readonly string[] = defaultRequired(entries[0]?.site.kind),
): ComputedStatus {
  const cfg = settings.get();
  const live = entries.filter((e) => !e.sensor.disabled);
  const levels: PointLevel[] = counted(
    entries.map((e) => ({ e, kind: e.sensor.kind, disabled: e.sensor.disabled })),
    required,
  ).map(({ e }) => ({
    sensor: e.sensor.code,
    kind: e.sensor.kind,
    level: sensorLevel(points, e.sensor.key),
    derivedFrom: e.sensor.derived?.from ?? null,
    lastHeard: lastSeen(points, e.sensor.key),
    disabled: e.sensor.disabled,
  }));
  const first = aggregateSite(levels, cfg.aggregation);
  const conn = siteConnectivity(
    live.map((e) => ({ code: e.sensor.code, kind: e.sensor.kind, expectedIntervalSec: e.sensor.expectedIntervalSec, lastSeen: lastSeen(points, e.sensor.key), installedAt: e.sensor.createdAt })),
    now,
    { siteLevel: first.level, floodSeason: isFloodSeason(now, cfg.offline.floodSeason, cfg.offline.utcOffsetMin) },
    cfg.offline,
  );
  return withConnectivity(levels, conn, settings);
}

/** A sensor watched by a node below this one, as it forwarded it: live level, newest reading, offline alarm. */
export interface ReportedSensor {
  code: string;
  kind: SensorKind;
  expectedIntervalSec: number;
  createdAt: number;
  disabled: boolean;
  /** Code of the sensor it is computed from (freeboard from water level). */
  derivedFrom: string | null;
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
export function computeReportedSiteStatus(sensors: readonly ReportedSensor[], settings: MonitoringSettings, now: number, required: readonly string[] = []): ComputedStatus {
  const cfg = settings.get();
  const live = sensors.filter((s) => !s.disabled);
  const levels: PointLevel[] = counted(sensors, required).map((s) => ({ sensor: s.code, kind: s.kind, level: s.level, derivedFrom: s.derivedFrom, lastHeard: s.lastSeen, disabled: s.disabled }));
  const first = aggregateSite(levels, cfg.aggregation);
  const conn = reportedConnectivity(
    live.map((s) => ({ code: s.code, kind: s.kind, expectedIntervalSec: s.expectedIntervalSec, lastSeen: s.lastSeen, installedAt: s.createdAt, offlineSince: s.offlineSince })),
    now,
    { siteLevel: first.level, floodSeason: isFloodSeason(now, cfg.offline.floodSeason, cfg.offline.utcOffsetMin) },
    cfg.offline,
  );
  return withConnectivity(levels, conn, settings);
}

/** Points → items → site with the offline points marked stale (keeping their levels), and whether the whole station is silent. */
function withConnectivity(levels: readonly PointLevel[], conn: SiteConnectivity, settings: MonitoringSettings): ComputedStatus {
  return { ...siteStatus(levels, conn.offline, settings.get().aggregation, conn.silent), connectivity: conn };
}
