import { canSee, requirePermission, requirePlacement, type Principal } from '../../domain/access/policy.ts';
import { colourOf, highestLevel, validateRiskMap, type RiskMapPlan } from '../../domain/dualprev/index.ts';
import { Invalid } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { riskLevelsByArea } from '../../store/repos/dualprev/risks.ts';
import { findFile } from '../../store/repos/files.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';

/**
 * A site's four-colour risk map: its plan image and the areas drawn on it, kept as the site's map
 * setting, and coloured when read by the highest level of the risk points in each area — so the map
 * follows every new assessment without being redrawn.
 */
const keyOf = (site: string) => `dualprev.riskMap.${site}`;

export function createRiskMapService(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>, sites: SiteService) {
  const { db } = deps.store;

  async function present(siteId: string) {
    const raw = await getSetting(db, keyOf(siteId));
    const plan = raw ? (JSON.parse(raw) as RiskMapPlan) : null;
    const levels = new Map<string, string[]>();
    for (const r of await riskLevelsByArea(db, siteId)) {
      const k = r.area?.trim() || '';
      levels.set(k, [...(levels.get(k) ?? []), r.level]);
    }
    const areas = (plan?.areas ?? []).map((a) => {
      const mine = levels.get(a.area.trim()) ?? [];
      const level = highestLevel(mine);
      return { ...a, level, colour: colourOf(level), risks: mine.length };
    });
    const drawn = new Set(areas.map((a) => a.area.trim()));
    // Areas of the register not yet drawn on the map, so that the person drawing knows what is left.
    const undrawn = [...levels.keys()].filter((k) => k && !drawn.has(k)).sort();
    return { site: siteId, plan: plan ? { file: plan.file, width: plan.width, height: plan.height } : null, areas, undrawn };
  }

  return {
    async get(actor: Principal, siteId: string) {
      requirePermission(actor, 'dualprev.read');
      const site = await sites.visible(actor, siteId);
      return present(site.id);
    },

    /** Replaces the site's plan image and its drawn areas. */
    async put(actor: Principal, siteId: string, m: RiskMapPlan) {
      const site = await sites.visible(actor, siteId);
      requirePlacement(actor, 'risk.manage', { regionCode: site.region, enterpriseId: site.enterprise });
      const problems = validateRiskMap(m);
      const f = await findFile(db, m.file);
      if (!f || !canSee(actor, { regionCode: f.region_code, enterpriseId: f.enterprise_id })) problems.push({ path: 'file', message: `no file ${m.file} (upload the plan image first with POST /api/v1/files)` });
      if (problems.length) throw new Invalid('Invalid risk map (风险分布图有误)', problems);
      const now = deps.now();
      const value = { file: m.file, width: m.width, height: m.height, areas: m.areas.map((a) => ({ area: a.area.trim(), polygon: a.polygon })) };
      await db.transaction().execute(async (tx) => {
        await putSetting(tx, keyOf(site.id), JSON.stringify(value), now);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'site', entityId: site.id, op: 'risk_map', changes: { file: m.file, areas: value.areas.map((a) => a.area) }, originNode: deps.nodeId, at: now });
      });
      return present(site.id);
    },
  };
}

export type RiskMapService = ReturnType<typeof createRiskMapService>;
