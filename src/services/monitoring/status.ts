import { canSee, requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { aggregateSite, isFloodSeason, maxLevel, siteConnectivity, siteStatus, type Level, type SiteStatus } from '../../domain/monitoring/index.ts';
import { countLiveAlarms } from '../../store/repos/monitoring/alarms.ts';
import { applyScope } from '../../store/repos/scope.ts';
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
      const monitored = catalog
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
            monitored: true,
          };
        })
      return monitored
        .concat(await unmonitoredPonds(deps, actor, region, new Set(catalog.sites().map((s) => s.id))))
        .sort((a, b) => a.site.localeCompare(b.site));
    },
  };
}

/**
 * Tailings ponds in scope with no sensor at all: listed as "no monitoring" (未接入在线监测), itself a
 * finding, since every licensed pond must be monitored online. Closed ponds are left out.
 */
async function unmonitoredPonds(deps: Pick<Deps, 'store'>, actor: Principal, region: string | undefined, monitored: Set<string>) {
  let q = applyScope(deps.store.db.selectFrom('sites'), scopeOf(actor), 'sites.region_code', 'sites.enterprise_id').where('kind', '=', 'tailings_pond');
  if (region) q = q.where('region_code', 'like', `${region}%`);
  const rows = await q.select(['id', 'code', 'region_code', 'enterprise_id', 'kind', 'status']).execute();
  return rows
    .filter((r) => !monitored.has(r.id) && r.status !== 'closed')
    .map((r) => ({
      site: r.code,
      siteId: r.id,
      region: r.region_code,
      enterprise: r.enterprise_id,
      kind: r.kind,
      level: null,
      sensors: 0,
      offline: [] as string[],
      silent: false,
      openAlarms: 0,
      openAlarmsByLevel: {} as Record<string, number>,
      monitored: false,
      finding: 'no monitoring (未接入在线监测)',
    }));
}

export type StatusService = ReturnType<typeof createStatusService>;
