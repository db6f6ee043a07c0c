import { canSee, requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { alarmCategory, missingItems } from '../../domain/monitoring/index.ts';
import { requiredFor, storageBySite, storageOf } from './site-profile.ts';
import { countLiveAlarms } from '../../store/repos/monitoring/alarms.ts';
import { applyScope } from '../../store/repos/scope.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import type { Catalog } from './catalog.ts';
import type { Point } from './plan.ts';
import { loadCoverage, reportedStatuses } from './reported.ts';
import type { MonitoringSettings } from './settings.ts';
import { computeSiteStatus, type ComputedStatus } from './site-status.ts';

interface PlacedSite {
  id: string;
  code: string;
  region: string;
  enterprise: string;
  kind: string;
}

/**
 * The site's warning state now. A site watched here is read from the point states in memory; a site
 * watched by a node below (its devices report there) from what that node forwarded, because this
 * node never evaluates those readings itself.
 */
export function createStatusService(deps: Pick<Deps, 'store' | 'now'>, sites: SiteService, catalog: Catalog, points: Map<string, Point>, settings: MonitoringSettings) {
  const { db } = deps.store;
  return {
    async site(actor: Principal, siteRef: string) {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      const now = deps.now();
      const storage = await storageOf(db, site.id);
      const required = requiredFor(site, storage);
      const s = (await loadCoverage(db)).covers(site)
        ? (await reportedStatuses(db, [{ ...site, required }], settings, now)).get(site.id)!.status
        : computeSiteStatus(catalog.siteSensors(site.id), points, settings, now, required);
      return {
        site: site.code,
        level: s.level,
        items: s.items,
        offline: s.offline,
        dataInterrupted: s.dataInterrupted,
        storage,
        requiredItems: required,
        // Required items (GB 39496-2020 §5.5.2) with no working point: none, or all silent or disabled.
        missingItems: missingItems(required, s.items),
        connectivity: s.connectivity.sensors,
      };
    },
    /**
     * Every monitored site the caller may see in a region: current level, live alarms by level, offline
     * sensors, required items without a working point; `missingItem` keeps only ponds missing one.
     */
    async overview(actor: Principal, region?: string, filter: { missingItem?: boolean } = {}) {
      requirePermission(actor, 'monitoring.read');
      const now = deps.now();
      const counts = await countLiveAlarms(db, scopeOf(actor), region);
      // Warnings by level leave out data interruptions: those are counted on their own (数据中断).
      const bySite = new Map<string, Record<string, number>>();
      const transmission = new Map<string, number>();
      for (const c of counts) {
        if (alarmCategory(c.kind) === 'transmission') {
          transmission.set(c.siteId, (transmission.get(c.siteId) ?? 0) + c.n);
          continue;
        }
        const m = bySite.get(c.siteId) ?? {};
        m[c.level] = (m[c.level] ?? 0) + c.n;
        bySite.set(c.siteId, m);
      }
      const placed = await sitesInScope(deps, actor, region);
      const byId = new Map(placed.map((p) => [p.id, p]));
      const storage = await storageBySite(db);
      const requiredOf = (s: PlacedSite) => requiredFor({ id: s.id, kind: s.kind, grade: byId.get(s.id)?.grade ?? null }, storage.get(s.id) ?? null);
      const row = (s: PlacedSite, st: ComputedStatus, sensors: number, required: readonly string[]) => {
        const open = bySite.get(s.id) ?? {};
        return {
          site: s.code,
          siteId: s.id,
          region: s.region,
          enterprise: s.enterprise,
          kind: s.kind,
          level: st.level,
          sensors,
          offline: st.offline,
          silent: st.connectivity.silent,
          dataInterrupted: st.dataInterrupted,
          ...heard(st),
          missingItems: missingItems(required, st.items),
          openAlarms: Object.values(open).reduce((a, b) => a + b, 0),
          openAlarmsByLevel: open,
          openTransmissionAlarms: transmission.get(s.id) ?? 0,
          monitored: true,
        };
      };
      const cover = await loadCoverage(db);
      const local = catalog
        .sites()
        .filter((s) => canSee(actor, { regionCode: s.region, enterpriseId: s.enterprise }) && (!region || s.region.startsWith(region)) && !cover.covers(s))
        .map((s) => {
          const entries = catalog.siteSensors(s.id);
          const required = requiredOf(s);
          return row(s, computeSiteStatus(entries, points, settings, now, required), entries.length, required);
        });
      const watched = cover.empty ? [] : placed.filter((s) => cover.covers(s)).map((s) => ({ ...s, required: requiredOf(s) }));
      const reported = await reportedStatuses(db, watched, settings, now);
      const remote = watched.flatMap((s) => {
        const r = reported.get(s.id)!;
        return r.sensors ? [row(s, r.status, r.sensors, s.required)] : [];
      });
      const monitored = local.concat(remote);
      const ids = new Set(monitored.map((m) => m.siteId));
      const all = monitored.concat(unmonitoredPonds(placed, ids, requiredOf)).sort((a, b) => a.site.localeCompare(b.site));
      return filter.missingItem ? all.filter((r) => r.missingItems.length > 0) : all;
    },
  };
}

/**
 * Whether the level shown rests on a silent point's last level (`stale`), and when the site was last
 * heard from (its newest reading).
 */
function heard(st: ComputedStatus): { stale: boolean; lastHeard: number | null } {
  let stale = false;
  let last: number | null = null;
  for (const i of st.items) {
    for (const p of i.points) {
      if (p.stale && p.level) stale = true;
      if (p.lastHeard !== null && (last === null || p.lastHeard > last)) last = p.lastHeard;
    }
  }
  return { stale, lastHeard: last };
}

/** Every site in the caller's scope and region, whatever watches it (one query). */
async function sitesInScope(deps: Pick<Deps, 'store'>, actor: Principal, region: string | undefined) {
  let q = applyScope(deps.store.db.selectFrom('sites'), scopeOf(actor), 'sites.region_code', 'sites.enterprise_id');
  if (region) q = q.where('region_code', 'like', `${region}%`);
  const rows = await q.select(['id', 'code', 'region_code', 'enterprise_id', 'kind', 'status', 'grade']).execute();
  return rows.map((r) => ({ id: r.id, code: r.code, region: r.region_code, enterprise: r.enterprise_id, kind: r.kind, status: r.status, grade: r.grade }));
}

/**
 * Tailings ponds in scope with no sensor at all: listed as "no monitoring" (未接入在线监测), itself a
 * finding, since every licensed pond must be monitored online. Closed ponds are left out.
 */
function unmonitoredPonds(placed: Awaited<ReturnType<typeof sitesInScope>>, monitored: Set<string>, requiredOf: (s: PlacedSite) => string[]) {
  return placed
    .filter((r) => r.kind === 'tailings_pond' && !monitored.has(r.id) && r.status !== 'closed')
    .map((r) => ({
      site: r.code,
      siteId: r.id,
      region: r.region,
      enterprise: r.enterprise,
      kind: r.kind,
      level: null,
      sensors: 0,
      offline: [] as string[],
      silent: false,
      dataInterrupted: false,
      stale: false,
      lastHeard: null,
      missingItems: requiredOf(r),
      openAlarms: 0,
      openAlarmsByLevel: {} as Record<string, number>,
      openTransmissionAlarms: 0,
      monitored: false,
      finding: 'no monitoring (未接入在线监测)',
    }));
}

export type StatusService = ReturnType<typeof createStatusService>;
