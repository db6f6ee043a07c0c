/**
 * Offline (no-data) detection, per sensor and per site.
 *
 * - A sensor is offline when now − lastSeen > k × its effective expected interval (k default 3, so
 *   one or two lost readings do not alarm).
 * - The expected interval shortens when the pond is in a warning state: GB 51108-2015 §4.5.4 asks
 *   total stations and GNSS inside a warning area to measure at least every 30 minutes (the excerpt
 *   for other sensors is cut; the same cap is applied to all, to confirm). In flood season a cap of
 *   one hour applies (platform practice built on §4.5.3's "raise the frequency in the rainy season";
 *   to confirm).
 * - A site is silent when every one of its sensors is offline.
 * - A sensor silent for more than 7 days is "repair overdue": GB 51108 §10.0.1 wants a fault cleared
 *   within 7 days, and 矿安〔2022〕88号 lists "安全监测系统运行不正常未及时修复" as a major hazard, so
 *   this is a candidate major hazard for the hazard register.
 */
import type { Level } from './levels.ts';
import { sensorKindInfo, type SensorKind } from './sensor-kinds.ts';

export interface MonthDay {
  month: number;
  day: number;
}

export interface FloodSeason {
  start: MonthDay;
  end: MonthDay;
  source: string;
  confirmed: boolean;
}

/** Shanxi's main flood season as commonly practised; a province sets its own. */
export const SHANXI_FLOOD_SEASON: FloodSeason = {
  start: { month: 6, day: 1 },
  end: { month: 9, day: 30 },
  source: '山西省防汛实践（6月1日—9月30日），待核实',
  confirmed: false,
};

export interface OfflinePolicy {
  /** Offline after k × expected interval without a reading. */
  k: number;
  /** Interval cap while the site is in a warning state (GB 51108 §4.5.4: 30 min). */
  warningIntervalSec: number;
  /** Interval cap during flood season (platform practice, to confirm). */
  floodSeasonIntervalSec: number;
  /** Silent longer than this is repair overdue (GB 51108 §10.0.1: 7 days). */
  repairOverdueSec: number;
  /**
   * A sensor silent while no other sensor of its station has reported since is held under the station
   * for this long before its own alarm opens: a station dropping out is one alarm, not one per sensor.
   */
  stationGraceSec: number;
  /** Repeat the offline reminder this often while the silence lasts. */
  reminderEverySec: number;
  /** Alarm levels for the no-data alarms: platform defaults, not from a standard. */
  levels: { offline: Level; siteSilent: Level; repairOverdue: Level };
  floodSeason: FloodSeason;
  /** Offset of local time used for calendar dates (China Standard Time, +480 min). */
  utcOffsetMin: number;
}

export const DEFAULT_OFFLINE_POLICY: OfflinePolicy = {
  k: 3,
  warningIntervalSec: 1800,
  floodSeasonIntervalSec: 3600,
  repairOverdueSec: 7 * 86_400,
  stationGraceSec: 3600,
  reminderEverySec: 4 * 3600,
  levels: { offline: 'yellow', siteSilent: 'orange', repairOverdue: 'red' },
  floodSeason: SHANXI_FLOOD_SEASON,
  utcOffsetMin: 480,
};

/** Is `now` (epoch ms) inside the flood season, by the local calendar date? Wraps over New Year. */
export function isFloodSeason(now: number, season: FloodSeason = SHANXI_FLOOD_SEASON, utcOffsetMin = 480): boolean {
  const local = new Date(now + utcOffsetMin * 60_000);
  const md = (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
  const start = season.start.month * 100 + season.start.day;
  const end = season.end.month * 100 + season.end.day;
  return start <= end ? md >= start && md <= end : md >= start || md <= end;
}

export interface SensorClock {
  kind: SensorKind;
  /** The sensor's own setting; the kind's default when absent. */
  expectedIntervalSec?: number | null;
}

/** The interval the sensor must keep now, in seconds. */
export function effectiveInterval(
  sensor: SensorClock,
  siteState: { level: Level | null },
  floodSeason: boolean,
  policy: OfflinePolicy = DEFAULT_OFFLINE_POLICY,
): number {
  let interval = sensor.expectedIntervalSec ?? sensorKindInfo(sensor.kind).expectedIntervalSec;
  if (siteState.level) interval = Math.min(interval, policy.warningIntervalSec);
  if (floodSeason) interval = Math.min(interval, policy.floodSeasonIntervalSec);
  return interval;
}

export interface SensorSeen extends SensorClock {
  code: string;
  /** ts of the newest reading received (by its own timestamp), null if none yet. */
  lastSeen: number | null;
  /** When the sensor was registered: the clock for a sensor that never reported. */
  installedAt?: number | null;
}

export type Connectivity = 'online' | 'offline' | 'repair_overdue';

export interface SensorConnectivity {
  code: string;
  state: Connectivity;
  intervalSec: number;
  /** now − (lastSeen ?? installedAt) in seconds; null when neither is known. */
  silentSec: number | null;
  /** When the sensor went offline (last reading + k × interval); null when online or unknown. */
  offlineSince: number | null;
}

export function sensorConnectivity(
  sensor: SensorSeen,
  now: number,
  ctx: { siteLevel: Level | null; floodSeason: boolean },
  policy: OfflinePolicy = DEFAULT_OFFLINE_POLICY,
): SensorConnectivity {
  const intervalSec = effectiveInterval(sensor, { level: ctx.siteLevel }, ctx.floodSeason, policy);
  const ref = sensor.lastSeen ?? sensor.installedAt ?? null;
  if (ref === null) return { code: sensor.code, state: 'offline', intervalSec, silentSec: null, offlineSince: null };
  const silentMs = now - ref;
  const limitMs = policy.k * intervalSec * 1000;
  const state: Connectivity = silentMs > policy.repairOverdueSec * 1000 ? 'repair_overdue' : silentMs > limitMs ? 'offline' : 'online';
  return { code: sensor.code, state, intervalSec, silentSec: silentMs / 1000, offlineSince: state === 'online' ? null : ref + limitMs };
}

export interface SiteConnectivity {
  /** Codes of sensors offline (repair-overdue ones included), for the status answer. */
  offline: string[];
  repairOverdue: string[];
  /** Every sensor of the site is offline (and it has at least one). */
  silent: boolean;
  sensors: SensorConnectivity[];
}

export function siteConnectivity(
  sensors: readonly SensorSeen[],
  now: number,
  ctx: { siteLevel: Level | null; floodSeason: boolean },
  policy: OfflinePolicy = DEFAULT_OFFLINE_POLICY,
): SiteConnectivity {
  return summarize(sensors.map((s) => sensorConnectivity(s, now, ctx, policy)));
}

export interface SensorReported extends SensorSeen {
  /** Since when the watching node's live offline alarm says the sensor is silent; null when it has none. */
  offlineSince: number | null;
}

/**
 * Connectivity of sensors watched by a node below this one (their data reaches this node only as
 * forwarded). That node decides when a sensor is offline, so a sensor is offline here exactly while
 * the node's offline alarm for it is live: a forwarding delay must not make this node contradict it.
 * How long the silence lasts, and so whether it is past the repair limit, is measured as the node
 * measures it, from the newest reading (or the installation when there is none).
 */
export function reportedConnectivity(
  sensors: readonly SensorReported[],
  now: number,
  ctx: { siteLevel: Level | null; floodSeason: boolean },
  policy: OfflinePolicy = DEFAULT_OFFLINE_POLICY,
): SiteConnectivity {
  return summarize(
    sensors.map((s) => {
      const intervalSec = effectiveInterval(s, { level: ctx.siteLevel }, ctx.floodSeason, policy);
      const ref = s.lastSeen ?? s.installedAt ?? null;
      const silentSec = ref === null ? null : (now - ref) / 1000;
      const state: Connectivity = s.offlineSince === null ? 'online' : silentSec !== null && silentSec > policy.repairOverdueSec ? 'repair_overdue' : 'offline';
      return { code: s.code, state, intervalSec, silentSec, offlineSince: state === 'online' ? null : s.offlineSince };
    }),
  );
}

function summarize(list: SensorConnectivity[]): SiteConnectivity {
  const offline = list.filter((s) => s.state !== 'online').map((s) => s.code);
  return {
    offline,
    repairOverdue: list.filter((s) => s.state === 'repair_overdue').map((s) => s.code),
    silent: list.length > 0 && offline.length === list.length,
    sensors: list,
  };
}

/** The level of the no-data alarm for a sensor in this state, or null when it is online. */
export function offlineAlarmLevel(state: Connectivity, policy: OfflinePolicy = DEFAULT_OFFLINE_POLICY): Level | null {
  if (state === 'online') return null;
  return state === 'repair_overdue' ? policy.levels.repairOverdue : policy.levels.offline;
}

/**
 * Should the offline reminder go out again? The silence is reminded every `reminderEverySec` from
 * when it began, not only once (the ThingsBoard complaint in lessons.md).
 */
export function reminderDue(offlineSince: number, lastRemindedAt: number | null, now: number, policy: OfflinePolicy = DEFAULT_OFFLINE_POLICY): boolean {
  if (now < offlineSince) return false;
  if (lastRemindedAt === null) return true;
  return now - lastRemindedAt >= policy.reminderEverySec * 1000;
}
