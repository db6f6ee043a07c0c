import { z } from 'zod';
import { candidate, defineRule, isActive, param, positive, type ComplianceSite, type LicenceRecord } from '../define.ts';

export type { LicenceRecord };
import { capacityOf } from './scale.ts';

const SEED = '晋应急函〔2022〕136号';

export const standardisationGrade = defineRule({
  id: 'standardisation_grade',
  source: `${SEED} 任务清单第2、33项; KA/T 2050-2016`,
  zh: '金属非金属规模以上矿山、三等以上尾矿库达到安全生产标准化二级及以上；其他企业达到三级及以上',
  en: 'Above-scale mines and grade-3-or-higher ponds at standardisation grade 2 or better; others at grade 3 or better',
  params: {
    aboveScaleCapacity: param(positive, 30, '规模以上矿山产能下限（万吨/年）', 'Capacity from which a mine counts as above scale (10⁴ t/a)', '平台默认值 (platform default; to confirm: the seed does not define 规模以上)'),
    pondGradeAtMost: param(z.number().int().min(1).max(5), 3, '尾矿库等别（此等及以上）', 'Pond grade up to which grade 2 is required', `${SEED} 任务清单第2项「三等以上尾矿库」`),
    strictGrade: param(z.number().int().min(1).max(3), 2, '规模以上矿山与三等以上尾矿库应达到的标准化等级', 'Grade required of above-scale mines and grade 1–3 ponds', `${SEED} 任务清单第2项`),
    otherGrade: param(z.number().int().min(1).max(3), 3, '其他企业应达到的标准化等级', 'Grade required of the others', `${SEED} 任务清单第2项`),
  },
  evaluate(ctx, p) {
    return ctx.sites.filter(isActive).flatMap((s) => {
      const strict = s.kind === 'tailings_pond' ? s.grade !== null && s.grade <= p.pondGradeAtMost : (capacityOf(s)?.value ?? 0) >= p.aboveScaleCapacity;
      const required = strict ? p.strictGrade : p.otherGrade;
      const basis = s.kind === 'tailings_pond' ? (strict ? `${s.grade}等尾矿库` : '尾矿库') : strict ? '规模以上矿山' : '矿山';
      const evidence = { standardGrade: s.standardGrade, required, basis, pondGrade: s.grade, capacity: capacityOf(s)?.value ?? null };
      if (s.standardGrade === null) return [candidate('standardisation_grade', s, 'ungraded', `${basis}未取得安全生产标准化等级，应达到${required}级及以上`, evidence)];
      if (s.standardGrade > required) return [candidate('standardisation_grade', s, 'below', `${basis}安全生产标准化${s.standardGrade}级，应达到${required}级及以上`, evidence)];
      return [];
    });
  },
});

/**
 * Whether a site holds a valid safety licence (安全生产许可证) today. Records from the licence register,
 * when it holds any for the site or its enterprise, decide: a valid one not past its last day. Without
 * records it reads the registry's `safetyLicence` text: missing or empty is invalid.
 */
export function licenceStatus(s: Pick<ComplianceSite, 'safetyLicence'>, today: string, records?: LicenceRecord[]): { valid: boolean; reason: string } {
  if (records) {
    const ok = records.find((r) => r.state === 'valid' && (r.validUntil === null || r.validUntil >= today));
    if (ok) return { valid: true, reason: `licence ${ok.number} valid` };
    const last = records.at(-1);
    return { valid: false, reason: last ? `licence ${last.number} ${last.state === 'valid' ? `expired ${last.validUntil}` : last.state}` : 'no licence record' };
  }
  return s.safetyLicence?.trim() ? { valid: true, reason: 'licence number recorded' } : { valid: false, reason: 'no licence number recorded' };
}

export const licenceValid = defineRule({
  id: 'licence_valid',
  source: `${SEED} 任务清单第25项; 安全生产许可证条例`,
  zh: '生产矿山和尾矿库须持有有效的安全生产许可证',
  en: 'A producing site needs a valid safety licence',
  params: {
    statuses: param(z.array(z.string().min(1)).min(1).max(10), ['producing'], '须持证的生产状态', 'Statuses that need a licence', '平台默认值 (platform default)'),
  },
  evaluate(ctx, p) {
    return ctx.sites.filter((s) => s.status !== null && p.statuses.includes(s.status)).flatMap((s) => {
      const st = licenceStatus(s, ctx.today, ctx.licences?.get(s.id));
      return st.valid ? [] : [candidate('licence_valid', s, '', '生产中但未持有有效的安全生产许可证', { safetyLicence: s.safetyLicence, status: s.status, reason: st.reason, fromRegister: ctx.licences?.has(s.id) ?? false })];
    });
  },
});
