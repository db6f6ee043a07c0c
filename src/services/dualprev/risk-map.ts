import { canSee, requirePermission, requirePlacement, type Principal } from '../../domain/access/policy.ts';
import { colourOf, highestLevel, validateRiskMap, type RiskMapPlan } from '../../domain/dualprev/index.ts';
import { Conflict, Invalid } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findRiskMap, insertRiskMap, updateRiskMap, type RiskMapsTable } from '../../store/repos/dualprev/risk-maps.ts';
import { riskLevelsByArea } from '../../store/repos/dualprev/risks.ts';
import { findFile } from '../../store/repos/files.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';

/**
 * A site's four-colour risk map: its plan image and the areas drawn on it, kept as the site's map
 * record (which travels upward with the register), and coloured when read by the highest level of the
 * risk points in each area — so the map follows every new assessment without being redrawn. The map is
 * changed only at the node that drew it; the levels above read their copy.
 */

export function createRiskMapService(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>, sites: SiteService) {
  const { db } = deps.store;

  async function present(siteId: string) {
    const row = await findRiskMap(db, siteId);
    const plan: RiskMapPlan | null = row ? { file: row.file, width: Number(row.width), height: Number(row.height), areas: JSON.parse(row.areas) as RiskMapPlan['areas'] } : null;
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
    return { site: siteId, plan: plan ? { file: plan.file, width: plan.width, height: plan.height } : null, areas, undrawn, originNode: row?.origin_node ?? null, version: row?.version ?? 0 };
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
      const areas = m.areas.map((a) => ({ area: a.area.trim(), polygon: a.polygon }));
      await db.transaction().execute(async (tx) => {
        const before = await findRiskMap(tx, site.id);
        if (before && before.origin_node !== deps.nodeId) throw new Conflict(`The risk map of site ${site.id} is kept by the node that drew it (${before.origin_node})`, { originNode: before.origin_node }, 'owned_elsewhere');
        const row: RiskMapsTable = before
          ? { ...before, file: m.file, width: m.width, height: m.height, areas: JSON.stringify(areas), version: before.version + 1, updated_at: now, updated_by: actor.id }
          : { id: site.id, site_id: site.id, region_code: site.region, enterprise_id: site.enterprise, file: m.file, width: m.width, height: m.height, areas: JSON.stringify(areas), version: 1, origin_node: deps.nodeId, created_at: now, updated_at: now, updated_by: actor.id };
        if (before) {
          if (!(await updateRiskMap(tx, row, before.version))) throw new Conflict('The risk map was changed meanwhile; reload and retry (记录已被他人修改)', null, 'stale_version');
        } else {
          await insertRiskMap(tx, row);
        }
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'site', entityId: site.id, op: 'risk_map', changes: { file: m.file, areas: areas.map((a) => a.area) }, originNode: deps.nodeId, at: now });
      });
      return present(site.id);
    },
  };
}

export type RiskMapService = ReturnType<typeof createRiskMapService>;
