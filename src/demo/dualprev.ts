import type { Principal } from '../domain/access/policy.ts';
import { DAY_MS, templatesFor, type HazardGrade } from '../domain/dualprev/index.ts';
import type { Node } from '../node.ts';

const SEEDER: Principal = { kind: 'user', id: 'system', name: '演示数据', role: 'admin', regionCode: null, enterpriseId: null };
// A second person for the four-eyes rule: the one who verifies is never the one who rectified.
const VERIFIER: Principal = { ...SEEDER, id: 'system-verifier', name: '演示数据（验收）' };

export interface DualPrevSeed {
  risks: number;
  hazards: number;
}

interface DemoHazard {
  description: string;
  location: string;
  grade: HazardGrade;
  /** Days from now to the deadline (negative: already past). */
  dueIn: number;
  /** How far along the loop the demo takes it. */
  to: 'registered' | 'planned' | 'rectified' | 'closed';
  criterion?: string;
  supervise?: boolean;
}

const POND: DemoHazard[] = [
  { description: '初期坝下游坡脚局部渗水，渗水处有细颗粒带出', location: '初期坝下游坡脚', grade: 'general', dueIn: 10, to: 'planned' },
  { description: '2号排洪井井圈有裂缝，未及时修补', location: '2号排洪井', grade: 'general', dueIn: -5, to: 'registered' },
  { description: '干滩长度巡查记录缺3天', location: '值班室', grade: 'general', dueIn: 3, to: 'closed' },
  { description: '堆积子坝外坡比陡于设计坡比（实测1:2.6，设计1:3.0）', location: '第5级子坝', grade: 'major', dueIn: 45, to: 'planned', criterion: '88-TP-B', supervise: true },
  { description: '浸润线监测孔3号点数据中断超过7天未修复', location: '坝顶监测断面B', grade: 'major', dueIn: -3, to: 'registered', criterion: '88-TP-MON-2' },
];
const MINE: DemoHazard[] = [
  { description: '-120m中段运输巷道局部浮石未处理', location: '-120m中段3号穿脉', grade: 'general', dueIn: 2, to: 'rectified' },
  { description: '副井井口安全门与提升机联锁失效', location: '副井井口', grade: 'general', dueIn: 1, to: 'closed' },
  { description: '独头巷道局扇风筒破损，风筒出口距工作面超过规定距离', location: '-80m中段掘进工作面', grade: 'general', dueIn: -2, to: 'planned' },
  { description: '部分从业人员未随身携带自救器', location: '井下各作业点', grade: 'major', dueIn: 15, to: 'planned', criterion: '88-UG-21' },
];
const PIT: DemoHazard[] = [
  { description: '最终边坡局部台阶高度超过设计高度', location: '北帮1240平台', grade: 'major', dueIn: 30, to: 'planned', criterion: '88-OP-04' },
  { description: '运输道路外侧挡车墙缺口', location: '主运输道路K1+200', grade: 'general', dueIn: 4, to: 'rectified' },
];

/**
 * Dual prevention for the demo registry: each site's risk register from the template library, and
 * a hazard ledger with hazards at every step of the loop — some overdue, a major one listed for
 * supervision. Call once, right after the registry is loaded.
 */
export async function seedDemoDualPrevention(node: Node): Promise<DualPrevSeed> {
  const d = node.services.dualprev;
  const now = node.deps.now();
  const out: DualPrevSeed = { risks: 0, hazards: 0 };
  const { items: sites } = await node.services.sites.list(SEEDER, { sort: 'name', limit: 500, offset: 0 });
  for (const [i, site] of sites.entries()) {
    for (const [j, tpl] of templatesFor(site.kind).slice(0, 8).entries()) {
      // Vary the likelihood so that every level shows up in the register.
      const L = [tpl.suggested.L, 3, 1, 0.5][(i + j) % 4]!;
      await d.risks.create(SEEDER, {
        site: site.id,
        name: tpl.riskPoint,
        method: 'LEC',
        L,
        E: tpl.suggested.E,
        C: tpl.suggested.C,
        operation: tpl.operation,
        area: tpl.area,
        hazardFactors: tpl.hazardFactors,
        accidentTypes: tpl.accidentTypes,
        measures: tpl.measures.map((m) => ({ ...m, department: '安全环保部', person: '李志强', controlLevel: tpl.controlLevel })),
        checkItems: tpl.checkItems,
        controlLevel: tpl.controlLevel,
        department: '安全环保部',
        person: '李志强',
        templateId: tpl.id,
      });
      out.risks++;
    }
    const list = site.kind === 'tailings_pond' ? POND : site.kind === 'underground' ? MINE : PIT;
    // Every third site keeps a clean ledger.
    if (i % 3 === 2) continue;
    for (const h of list) {
      const { hazard } = await d.hazards.report(SEEDER, { site: site.id, description: h.description, location: h.location, grade: h.grade, deadline: now + h.dueIn * DAY_MS, criterion: h.criterion, source: 'check' });
      out.hazards++;
      if (h.to === 'registered') continue;
      const plan = { measures: '按设计整改并复测', funds: h.grade === 'major' ? 500_000 : 5_000, people: '李志强（安全环保部）', deadline: h.grade === 'major' ? now + h.dueIn * DAY_MS : null, interimMeasures: '限制作业人员，加密巡查，每日报告' };
      await d.hazards.act(SEEDER, hazard.id, { type: 'plan', plan });
      if (h.supervise) await d.supervision.supervise(SEEDER, hazard.id, { order: '列入市级挂牌督办' });
      if (h.to === 'planned') continue;
      await d.hazards.act(SEEDER, hazard.id, { type: 'rectify', note: '已按方案完成整改，附整改前后照片', photos: [] });
      if (h.to === 'rectified') continue;
      await d.hazards.act(VERIFIER, hazard.id, { type: 'verify', note: '现场验收合格' });
      await d.hazards.act(VERIFIER, hazard.id, { type: 'close' });
    }
  }
  return out;
}
