import { canSee, requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { aggregateSite, isFloodSeason, maxLevel, siteConnectivity, siteStatus, type Level, type SiteStatus } from '../../domain/monitoring/index.ts';
import { countLiveAlarms } from '../../store/repos/monitoring/alarms.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import type { Catalog, CatalogEntry } from './catalog.ts';
import { pointId, type Point } from './plan.ts';
import type { MonitoringSettings } from './settings.ts';

/** The live level of a sensor: the higher of its value and rate rules. */
export function sensorLevel(points: Map<string, Point>, key: number): Level | null {
  return maxLevel(points.get(pointId(key, 'value'))?.state.level ?? null, points.get(pointId(key, 'rate'))?.state.level ?? null);
}

export function lastSeen(points: Map<string, Point>, key: number): number | null {
  return points.get(pointId(key, 'value'))?.state.lastTs ?? null;
}

/** GB 39496 §5.5.4 status of one site from the in-memory point states; offline points count as no level. */
export function computeSiteStatus(entries: readonly CatalogEntry[], points: Map<string, Point>, settings: MonitoringSettings, now: number): SiteStatus & { connectivity: ReturnType<typeof siteConnectivity> } {
  const cfg = settings.get();
  const live = entries.filter((e) => !e.sensor.disabled);
  const levels = live.map((e) => ({ sensor: e.sensor.code, kind: e.sensor.kind, level: sensorLevel(points, e.sensor.key) }));
  const first = aggregateSite(levels, cfg.aggregation);
  const flood = isFloodSeason(now, cfg.offline.floodSeason, cfg.offline.utcOffsetMin);
  const conn = siteConnectivity(
    live.map((e) => ({ code: e.sensor.code, kind: e.sensor.kind, expectedIntervalSec: e.sensor.expectedIntervalSec, lastSeen: lastSeen(points, e.sensor.key), installedAt: e.sensor.createdAt })),
    now,
    { siteLevel: first.level, floodSeason: flood },
    cfg.offline,
  );
  const off = new Set(conn.offline);
  const status = siteStatus(levels.map((l) => (off.has(l.sensor) ? { ...l, level: null } : l)), conn.offline, cfg.aggregation);
  return { ...status, connectivity: conn };
}

export function createStatusService(deps: Pick<Deps, 'store' | 'now'>, sites: SiteService, catalog: Catalog, points: Map<string, Point>, settings: MonitoringSettings) {
  return {
    async site(actor: Principal, siteRef: string): Promise<SiteStatus & { site: string; connectivity: unknown }> {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      const s = computeSiteStatus(catalog.siteSensors(site.id), points, settings, deps.now());
      return { site: site.code, level: s.level, items: s.items, offline: s.offline, connectivity: s.connectivity.sensors };
    },
    /** Every monitored site the caller may see in a region: current level, live alarms by level, offline sensors. */
    async overview(actor: Principal, region?: string) {
      requirePermission(actor, 'monitoring.read');
      const now = deps.now();
      const counts = await countLiveAlarms(deps.store.db, scopeOf(actor), region);
      const bySite = new Map<string, Record<string, number>>();
      for (const c of counts) {
        const m = bySite.get(c.siteId) ?? {};
        m[c.level] = (m[c.level] ?? 0) + c.n;
        bySite.set(c.siteId, m);
      }
      return catalog
        .sites()
        .filter((s) => canSee(actor, { regionCode: s.region, enterpriseId: s.enterprise }) && (!region || s.region.startsWith(region)))
        .map((s) => {
          const entries = catalog.siteSensors(s.id);
          const st = computeSiteStatus(entries, points, settings, now);
          const open = bySite.get(s.id) ?? {};
          return {
            site: s.code,
            siteId: s.id,
            region: s.region,
            enterprise: s.enterprise,
            kind: s.kind,
            level: st.level,
            sensors: entries.length,
            offline: st.offline,
            silent: st.connectivity.silent,
            openAlarms: Object.values(open).reduce((a, b) => a + b, 0),
            openAlarmsByLevel: open,
          };
        })
        .sort((a, b) => a.site.localeCompare(b.site));
    },
  };
}


export type StatusService = ReturnType<typeof createStatusService>;
