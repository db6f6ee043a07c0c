import type { Principal } from '../domain/access/policy.ts';
import { addDays, addMonths, chinaDate } from '../domain/enforcement/dates.ts';
import type { Node } from '../node.ts';

const SEEDER: Principal = { kind: 'user', id: 'system', name: '演示数据', role: 'admin', regionCode: null, enterpriseId: null };

export interface EnforcementSeed {
  licences: number;
  scores: number;
  cases: number;
  inspections: number;
  plans: number;
}

/**
 * Supervision records for the demo registry: licences (most valid, one expiring, one suspended, one
 * producing without any), scores of principal persons (one due for re-assessment), illegal-activity
 * cases, inspections of Dai county with findings and numbered documents, and Xinzhou's plan for the
 * year. Call once, right after the registry is loaded.
 */
export async function seedDemoEnforcement(node: Node): Promise<EnforcementSeed> {
  const e = node.services.enforcement;
  const now = node.deps.now();
  const today = chinaDate(now);
  const out: EnforcementSeed = { licences: 0, scores: 0, cases: 0, inspections: 0, plans: 0 };
  const { items: enterprises } = await node.services.enterprises.list(SEEDER, { sort: 'name', limit: 200, offset: 0 });
  for (const [i, ent] of enterprises.entries()) {
    if (i % 7 === 6) continue; // left without a licence: its producing sites are flagged
    const issuedAt = i % 7 === 3 ? addDays(addMonths(today, -36), 60) : addMonths(today, -12 - (i % 20));
    const l = await e.licences.create(SEEDER, { enterprise: ent.id, number: `(晋)FM安许证字〔${issuedAt.slice(0, 4)}〕${String(100 + i).padStart(4, '0')}`, issuedAt });
    out.licences++;
    if (i % 7 === 5) await e.licences.act(SEEDER, l.id, { type: 'suspend', reason: '尾矿库排洪设施不满足设计要求，失去安全生产条件', conditions: '完成排洪系统整改并通过复查' });
  }

  const byName = new Map(enterprises.map((x) => [x.name, x]));
  const scored = [
    { ent: '繁峙县宏达铁业有限责任公司', points: [6, 6] as const, reasons: ['未按规定组织开展隐患排查治理', '重大事故隐患未按期整改'] },
    { ent: '代县金岭矿业有限公司', points: [3] as const, reasons: ['未按规定组织安全生产教育培训'] },
    { ent: '岚县袁家村铁矿有限公司', points: [2] as const, reasons: ['安全生产责任制未落实到岗位'] },
  ];
  for (const s of scored) {
    const ent = byName.get(s.ent);
    if (!ent?.principal.name) continue;
    for (const [k, points] of s.points.entries()) {
      await e.scores.record(SEEDER, { enterprise: ent.id, person: { name: ent.principal.name }, points, reason: s.reasons[k]!, basis: '山西省主要负责人安全生产考核记分办法', at: now - (k + 1) * 20 * 86_400_000 });
      out.scores++;
    }
  }

  const fz = byName.get('繁峙县义兴寨金矿有限公司');
  if (fz) {
    const c = await e.cases.open(SEEDER, { kind: 'beyond_boundary', title: '井下越界开采', enterprise: fz.id, description: '三维激光扫描显示 -320 m 中段巷道越出采矿许可范围约 80 m', suspect: fz.name });
    await e.cases.act(SEEDER, c.id, { type: 'investigate' });
    await e.cases.act(SEEDER, c.id, { type: 'refer', to: 'natural_resources', reason: '涉嫌越界开采矿产资源', reference: '繁应急移〔2026〕2号' });
    out.cases++;
  }
  await e.cases.open(SEEDER, { kind: 'resource_theft', title: '夜间盗采铁矿石', region: '141023', description: '群众举报塔儿山北坡有人夜间组织盗采' });
  out.cases++;

  const { items: daixian } = await node.services.sites.list(SEEDER, { region: '140923', sort: 'code', limit: 50, offset: 0 });
  for (const [k, site] of daixian.entries()) {
    const i = await e.inspections.create(SEEDER, { site: site.id, kind: k === 0 ? 'in_depth' : 'planned', at: now - (k + 2) * 7 * 86_400_000, inspectors: ['赵执法', '钱执法'], notes: '检查了安全管理台账、现场作业和监测系统运行' });
    if (k === 0) await e.inspections.addFinding(SEEDER, i.id, { description: '在线监测系统浸润线测点数据中断超过24小时未处置', grade: 'general', deadline: addDays(today, 15), basis: 'GB 39496-2020 第5.5条' });
    await e.inspections.complete(SEEDER, i.id);
    out.inspections++;
  }

  await e.plans.create(SEEDER, { region: '140900', year: Number(today.slice(0, 4)) });
  out.plans++;
  return out;
}
