import { z } from 'zod';
import { candidate, defineRule, isActive, param, positive, regionCode, type Candidate, type ComplianceSite } from '../define.ts';
import { nearestRiver } from '../geodesy.ts';

const SEED = '晋应急函〔2022〕136号';
const isPond = (s: ComplianceSite) => s.kind === 'tailings_pond' && isActive(s);
const round = (km: number) => Math.round(km * 1000) / 1000;

export const pondDamHeight = defineRule({
  id: 'pond_dam_height',
  source: `${SEED} 任务清单第23项`,
  zh: '严禁新建总坝高超过200米的尾矿库',
  en: 'No new or expanded tailings pond with a total dam height over 200 m',
  params: {
    maxDamHeight: param(positive, 200, '总坝高上限（米）', 'Largest total dam height (m)', `${SEED} 任务清单第23项`),
  },
  evaluate(ctx, p) {
    return ctx.sites.filter((s) => isPond(s) && s.isNew === true && s.damHeight !== null && s.damHeight > p.maxDamHeight).map((s) =>
      candidate('pond_dam_height', s, '', `新（改、扩）建尾矿库总坝高${s.damHeight}米，超过${p.maxDamHeight}米`, { damHeight: s.damHeight, limit: p.maxDamHeight }),
    );
  },
});

export const headsUpPond = defineRule({
  id: 'heads_up_pond',
  source: `${SEED} 任务清单第5、23、35项; 应急〔2020〕15号`,
  zh: '严禁新建“头顶库”；现有“头顶库”须闭库销号、升级改造或搬迁下游居民',
  en: 'No new heads-up pond; existing heads-up ponds are listed for closure, upgrade or moving the people downstream',
  params: {},
  evaluate(ctx) {
    return ctx.sites.filter((s) => isPond(s) && s.headsUp === true).map((s) =>
      s.isNew
        ? candidate('heads_up_pond', s, 'new', '新建“头顶库”，严禁建设', { isNew: true, headsUp: true })
        : candidate('heads_up_pond', s, 'existing', '现有“头顶库”，列入闭库销号、升级改造或搬迁治理清单', { isNew: s.isNew, headsUp: true, status: s.status }),
    );
  },
});

export const headsUpTreatment = defineRule({
  id: 'heads_up_treatment',
  source: `${SEED} 任务清单第5、35项`,
  zh: '“头顶库”须有治理方案（闭库销号、升级改造、综合利用或搬迁）',
  en: 'A heads-up pond needs a treatment plan (closure, upgrade, reuse or moving people)',
  params: {},
  evaluate(ctx) {
    return ctx.sites
      .filter((s) => isPond(s) && s.headsUp === true && !ctx.facts.get(s.id)?.headsUpPlanOn)
      .map((s) => candidate('heads_up_treatment', s, '', '“头顶库”未见治理方案记录', { headsUp: true }));
  },
});

export const yellowRiverDistance = defineRule({
  id: 'yellow_river_distance',
  source: `${SEED} 任务清单第23项`,
  zh: '严禁在距离黄河干流岸线3公里、重要支流岸线1公里范围内新（改、扩）建尾矿库',
  en: 'No new or expanded pond within 3 km of the Yellow River main course or 1 km of an important tributary',
  params: {
    mainKm: param(positive, 3, '距黄河干流（公里）', 'Distance from the main course (km)', `${SEED} 任务清单第23项`),
    tributaryKm: param(positive, 1, '距重要支流（公里）', 'Distance from an important tributary (km)', `${SEED} 任务清单第23项`),
  },
  evaluate(ctx, p) {
    const out: Candidate[] = [];
    for (const s of ctx.sites.filter((x) => isPond(x) && x.isNew === true && x.lng !== null && x.lat !== null)) {
      for (const [role, limit, zh] of [['main', p.mainKm, '黄河干流'], ['tributary', p.tributaryKm, '重要支流']] as const) {
        const near = nearestRiver(ctx.rivers, s.lng!, s.lat!, role, limit);
        if (!near || near.km > limit) continue;
        out.push(
          candidate('yellow_river_distance', s, role, `新（改、扩）建尾矿库距${zh}${near.nameZh ?? near.name}约${round(near.km)}公里，在${limit}公里范围内`, {
            river: near.name,
            riverZh: near.nameZh,
            role,
            distanceKm: round(near.km),
            limitKm: limit,
            lng: s.lng,
            lat: s.lat,
            geometry: ctx.rivers.source,
            method: 'geodesic point-to-polyline distance on a sphere of radius 6371008.8 m',
          }),
        );
      }
    }
    return out;
  },
});

export const pondCountBaseline = defineRule({
  id: 'pond_count_baseline',
  source: `${SEED} 任务清单第22项`,
  zh: '自2020年起全省尾矿库数量原则上只减不增：各地区尾矿库数量不得超过2020年基数',
  en: 'Pond numbers only go down from 2020: a region may not hold more ponds than its 2020 baseline',
  params: {
    baseline: param(z.record(regionCode, z.number().int().min(0)), {} as Record<string, number>, '2020年尾矿库基数（按行政区划代码）', '2020 pond counts by region code', `${SEED} 任务清单第22项`, 'The seed gives no counts: an administrator enters each region\'s 2020 figure (须填写各地区2020年基数)'),
  },
  evaluate(ctx, p) {
    const out: Candidate[] = [];
    for (const [region, base] of Object.entries(p.baseline)) {
      const prefix = region.endsWith('0000') ? region.slice(0, 2) : region.endsWith('00') ? region.slice(0, 4) : region;
      const ponds = ctx.sites.filter((s) => isPond(s) && s.region.startsWith(prefix));
      if (ponds.length <= base) continue;
      out.push({
        rule: 'pond_count_baseline',
        site: null,
        region,
        enterprise: null,
        key: region,
        message: `${region}现有尾矿库${ponds.length}座，超过2020年基数${base}座`,
        evidence: { region, count: ponds.length, baseline: base, newPonds: ponds.filter((s) => s.isNew).map((s) => s.code) },
      });
    }
    return out;
  },
});
