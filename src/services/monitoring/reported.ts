import { coverageOf, type Coverage } from '../../domain/network/coverage.ts';
import { maxLevel, type Level } from '../../domain/monitoring/index.ts';
import type { Executor } from '../../store/db.ts';
import { listActiveSensorAlarms, listActiveSiteAlarms } from '../../store/repos/monitoring/alarms.ts';
import { listSensorsLastSeen } from '../../store/repos/monitoring/sensors.ts';
import { listNodeScopes } from '../../store/repos/network/nodes.ts';
import type { MonitoringSettings } from './settings.ts';
import { computeReportedSiteStatus, defaultRequired, type ComputedStatus } from './site-status.ts';

/** The alarms that carry a watching node's view of a sensor: its levels and its silence (a silent station's alarm covers all its sensors). */
const REPORTED_KINDS = ['threshold', 'rate', 'offline'] as const;

/**
 * The sites watched by nodes below this one (net_nodes, revoked ones left out). Such a site's devices
 * report to that node, which evaluates them and forwards its alarms: this node neither evaluates
 * their readings nor decides that they are offline.
 */
export async function loadCoverage(db: Executor): Promise<Coverage> {
  return coverageOf(await listNodeScopes(db));
}

export interface ReportedSite {
  status: ComputedStatus;
  /** Sensors of the site, disabled ones included. */
  sensors: number;
}

/**
 * Status of sites watched by nodes below, from what they forwarded: each point's level from its live
 * threshold and rate alarms, its silence from the live offline alarm, its last reading from the
 * readings table, a silent station from its site alarm. Three queries however many sites.
 */
export async function reportedStatuses(db: Executor, sites: readonly { id: string; kind: string; required?: readonly string[] }[], settings: MonitoringSettings, now: number): Promise<Map<string, ReportedSite>> {
  const siteIds = sites.map((s) => s.id);
  const sensors = await listSensorsLastSeen(db, siteIds);
  const alarms = await listActiveSensorAlarms(db, siteIds, REPORTED_KINDS);
  // A silent station is one alarm about the site: every sensor of it is offline since it opened.
  const stationSilentSince = new Map<string, number>();
  for (const a of await listActiveSiteAlarms(db, siteIds, ['site_offline'])) stationSilentSince.set(a.site_id, Math.min(stationSilentSince.get(a.site_id) ?? Infinity, Number(a.opened_at)));
  const reports = new Map<string, { level: Level | null; offlineSince: number | null }>();
  for (const a of alarms) {
    const r = reports.get(a.sensor_id!) ?? { level: null, offlineSince: null };
    if (a.kind === 'offline') r.offlineSince = Math.min(r.offlineSince ?? Infinity, Number(a.opened_at));
    else r.level = maxLevel(r.level, (a.current_level ?? a.level) as Level);
    reports.set(a.sensor_id!, r);
  }
  const bySite = new Map<string, typeof sensors>();
  for (const s of sensors) {
    const list = bySite.get(s.siteId);
    if (list) list.push(s);
    else bySite.set(s.siteId, [s]);
  }
  const out = new Map<string, ReportedSite>();
  for (const { id, kind, required } of sites) {
    const list = bySite.get(id) ?? [];
    const station = stationSilentSince.get(id) ?? null;
    const reported = list.map((s) => {
      const r = { ...s, level: null, offlineSince: null, ...reports.get(s.id) };
      return r.offlineSince === null && station !== null ? { ...r, offlineSince: station } : r;
    });
    out.set(id, { status: computeReportedSiteStatus(reported, settings, now, required ?? defaultRequired(kind)), sensors: list.length });
  }
  return out;
}
