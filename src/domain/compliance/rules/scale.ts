import { z } from 'zod';
import { candidate, daysBetween, defineRule, isActive, param, positive, regionCode, type ComplianceSite, type RuleContext } from '../define.ts';

const SEED = '晋应急函〔2022〕136号';

export interface MinScaleParams extends Record<string, unknown> {
  keyCounties: string[];
  keyCountyMinerals: string[];
  keyCountyUnderground: number;
  undergroundIron: number;
  openPitIron: number;
}

export const minScale = defineRule<MinScaleParams>({
  id: 'min_scale',
  source: `${SEED} 二(二)「提高非煤矿山规模化水平」; 任务清单第4项（最小开采规模标准）`,
  zh: '重点县铁、铜、铅、锌地下矿山生产建设规模不低于30万吨/年；其他地区地下铁矿不低于10万吨/年、露天铁矿不低于20万吨/年',
  en: 'Minimum scale: underground iron, copper, lead and zinc mines in the key counties ≥ 30×10⁴ t/a; elsewhere underground iron ≥ 10×10⁴ t/a and open-pit iron ≥ 20×10⁴ t/a',
  params: {
    keyCounties: param(z.array(regionCode).max(200), [] as string[], '重点县（县级行政区划代码）', 'Key counties (county codes)', SEED, 'The seed names 5 key counties but not which ones: an administrator enters them (原文未列明5个重点县，须由管理员填写)'),
    keyCountyMinerals: param(z.array(z.string().min(1)).min(1).max(20), ['iron', 'copper', 'lead', 'zinc'], '重点县适用矿种', 'Minerals the key-county minimum applies to', SEED),
    keyCountyUnderground: param(positive, 30, '重点县地下矿山最低规模（万吨/年）', 'Key counties, underground minimum (10⁴ t/a)', SEED),
    undergroundIron: param(positive, 10, '地下铁矿最低规模（万吨/年）', 'Underground iron minimum elsewhere (10⁴ t/a)', SEED),
    openPitIron: param(positive, 20, '露天铁矿最低规模（万吨/年）', 'Open-pit iron minimum elsewhere (10⁴ t/a)', SEED),
  },
  evaluate(ctx, p) {
    return ctx.sites.filter(isActive).flatMap((s) => {
      const check = scaleCheck(s, p);
      if (!check || !check.below) return [];
      const cap = check.capacity;
      const message = cap
        ? `${check.basisZh}最低规模${check.min}万吨/年，该矿${cap.field === 'designCapacity' ? '设计' : '实际'}产能${cap.value}万吨/年，低于最低开采规模`
        : `${check.basisZh}最低规模${check.min}万吨/年，该矿未登记设计或实际产能，无法核对`;
      return [candidate('min_scale', s, cap ? '' : 'unknown', message, { minimum: check.min, basis: check.basis, capacity: cap?.value ?? null, capacityField: cap?.field ?? null, unit: '10⁴ t/a' })];
    });
  },
});

/** The capacity a scale check uses: the design capacity, else the actual one, and which it was. */
export function capacityOf(s: ComplianceSite): { value: number; field: 'designCapacity' | 'actualCapacity' } | null {
  if (s.designCapacity !== null) return { value: s.designCapacity, field: 'designCapacity' };
  if (s.actualCapacity !== null) return { value: s.actualCapacity, field: 'actualCapacity' };
  return null;
}

/** The minimum that applies to a site and whether it falls below it; null when no minimum applies. */
export function scaleCheck(s: ComplianceSite, p: MinScaleParams) {
  const has = (m: string) => s.minerals.includes(m);
  let min: number | null = null;
  let basis = '';
  let basisZh = '';
  if (s.kind === 'underground' && p.keyCounties.includes(s.region) && p.keyCountyMinerals.some(has)) {
    [min, basis, basisZh] = [p.keyCountyUnderground, 'key county, underground', '重点县地下矿山'];
  } else if (s.kind === 'underground' && has('iron')) {
    [min, basis, basisZh] = [p.undergroundIron, 'underground iron', '地下铁矿'];
  } else if (s.kind === 'open_pit' && has('iron')) {
    [min, basis, basisZh] = [p.openPitIron, 'open-pit iron', '露天铁矿'];
  }
  if (min === null) return null;
  const capacity = capacityOf(s);
  return { min, basis, basisZh, capacity, below: capacity === null || capacity.value < min };
}

const normaliseLicence = (l: string) => l.replace(/\s+/g, '').toUpperCase();

export const oneMineOneOperator = defineRule({
  id: 'one_mine_one_operator',
  source: `${SEED} 二(二)「一个矿山只能由一个生产经营主体开采，严禁一矿多开、大矿小开」`,
  zh: '一矿一主体：同一采矿许可证号不得由两个及以上企业开采',
  en: 'One mine, one operator: no mining licence number held by two or more enterprises',
  params: {},
  evaluate(ctx) {
    const byLicence = new Map<string, ComplianceSite[]>();
    for (const s of ctx.sites.filter(isActive)) {
      if (!s.miningLicence?.trim() || s.kind === 'tailings_pond') continue;
      const k = normaliseLicence(s.miningLicence);
      byLicence.set(k, [...(byLicence.get(k) ?? []), s]);
    }
    const out = [];
    for (const [licence, group] of byLicence) {
      const enterprises = [...new Set(group.map((s) => s.enterprise))];
      if (enterprises.length < 2) continue;
      for (const s of group) {
        const others = group.filter((o) => o.id !== s.id).map((o) => ({ site: o.id, code: o.code, enterprise: o.enterprise }));
        out.push(candidate('one_mine_one_operator', s, licence, `采矿许可证${licence}由${enterprises.length}个企业开采（一矿多开）`, { miningLicence: licence, enterprises, others }));
      }
    }
    return out;
  },
});

const isoDate = z.iso.date();

export const closureCandidate = defineRule({
  id: 'closure_candidate',
  source: `${SEED} 任务清单第26项; 山西省关闭尾矿库实施方案（2018）`,
  zh: '重点关闭对象：不符合最小开采规模的矿山；已运行到设计最终标高、不再排尾或停用满3年的尾矿库',
  en: 'Closure candidates: mines below the minimum scale; ponds at their final design elevation, no longer receiving tailings, or idle 3 years or more',
  params: {
    idleYears: param(positive, 3, '尾矿库停用年限（年）', 'Years idle before a pond is a closure candidate', '山西省关闭尾矿库实施方案（2018）'),
  },
  evaluate(ctx, p) {
    const scale = ctx.params('min_scale') as MinScaleParams;
    return ctx.sites.filter(isActive).flatMap((s) => {
      if (s.status === 'awaiting_closure') return [];
      if (s.kind !== 'tailings_pond') {
        const c = scaleCheck(s, scale);
        if (!c?.below || !c.capacity) return [];
        return [candidate('closure_candidate', s, 'below_min_scale', `产能${c.capacity.value}万吨/年低于${c.basisZh}最低规模${c.min}万吨/年，列为重点关闭对象`, { reason: 'below_min_scale', minimum: c.min, capacity: c.capacity.value, capacityField: c.capacity.field })];
      }
      return pondClosure(ctx, s, p.idleYears);
    });
  },
});

function pondClosure(ctx: RuleContext, s: ComplianceSite, idleYears: number) {
  const f = ctx.facts.get(s.id);
  if (!f) return [];
  const out = [];
  if (f.atFinalElevation) out.push(candidate('closure_candidate', s, 'final_elevation', '尾矿库已运行到设计最终标高，列为重点关闭对象', { reason: 'final_elevation' }));
  if (f.receivingTailings === false) out.push(candidate('closure_candidate', s, 'not_receiving', '尾矿库不再进行排尾作业，列为重点关闭对象', { reason: 'not_receiving' }));
  if (f.idleSince && isoDate.safeParse(f.idleSince).success) {
    const days = daysBetween(f.idleSince, ctx.today);
    if (days >= idleYears * 365) out.push(candidate('closure_candidate', s, 'idle', `尾矿库自${f.idleSince}停用已满${idleYears}年，列为重点关闭对象`, { reason: 'idle', idleSince: f.idleSince, idleYears }));
  }
  return out;
}
