import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Principal } from '../domain/access/policy.ts';
import { addDays, chinaDate } from '../domain/enforcement/dates.ts';
import type { ImportResult } from '../domain/campaign/import/index.ts';
import type { Node } from '../node.ts';
import type { TaskInput } from '../services/campaign/ledger-campaigns.ts';
import { findUserByUsername } from '../store/repos/users.ts';

/** The task list of 晋应急函〔2022〕136号 (its attachment), kept in the project with its source named on the first line. */
export const DEMO_CAMPAIGN_LIST = fileURLToPath(new URL('./lists/campaign-2020-2022.txt', import.meta.url));
export const DEMO_CAMPAIGN = { name: '山西省非煤矿山安全生产专项整治三年行动', year: 2022, document: '晋应急函〔2022〕136号' } as const;

export interface CampaignSeed {
  campaign: string;
  tasks: number;
  problems: ImportResult['problems'];
  assignments: number;
  keyProblems: string[];
  round: number;
}

/** The list as the importer reads it: the comment lines naming the source are left out. */
export function demoCampaignText(): string {
  return fs
    .readFileSync(DEMO_CAMPAIGN_LIST, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

async function officer(node: Node, username: string, fallback: Omit<Principal, 'kind' | 'id'>): Promise<Principal> {
  const u = await findUserByUsername(node.store.db, username);
  return { kind: 'user', id: u?.id ?? `demo-${username}`, name: u?.display_name ?? fallback.name, role: fallback.role, regionCode: u?.region_code ?? fallback.regionCode, enterpriseId: null };
}

/**
 * The three-year campaign (专项整治三年行动) imported from its task list and carried partly out by the
 * province: tasks at several steps of the closed loop (限时办理, 公开信息, 挂牌督办, 重点督导 with a visit,
 * 考评), shares assigned to Xinzhou (passed on to Dai county) and Taiyuan (overdue, not reporting) with
 * progress and evidence, Lüliang's share accepted, numbered key problems linked to tasks and sites, an
 * interview (约谈) of Taiyuan, and a reporting round. Call once, after the registry and its users exist.
 */
export async function seedDemoCampaign(node: Node): Promise<CampaignSeed> {
  const l = node.services.campaignLedger;
  const today = chinaDate(node.deps.now());
  const sheng = await officer(node, 'sheng', { name: '省应急管理厅 监管员', role: 'province_officer', regionCode: '140000', enterpriseId: null });
  const xinzhou = await officer(node, 'xinzhou', { name: '忻州市应急管理局 监管员', role: 'city_officer', regionCode: '140900', enterpriseId: null });
  const daixian = await officer(node, 'daixian', { name: '代县应急管理局 监管员', role: 'county_officer', regionCode: '140923', enterpriseId: null });
  // Taiyuan and Lüliang have no accounts in the demo; their bureaus report under their own names.
  const taiyuan: Principal = { kind: 'user', id: 'demo-taiyuan', name: '太原市应急管理局', role: 'city_officer', regionCode: '140100', enterpriseId: null };
  const lvliang: Principal = { kind: 'user', id: 'demo-lvliang', name: '吕梁市应急管理局', role: 'city_officer', regionCode: '141100', enterpriseId: null };

  // Read through the importer, then saved with the reviewed tasks as POST /api/v1/campaigns does.
  const imported = await node.services.campaignImport.preview(sheng, { format: 'text', content: demoCampaignText() });
  const tasks: TaskInput[] = imported.tasks.map((t) => ({
    number: t.number,
    text: t.text,
    subItems: t.subItems?.map((s) => ({ number: s.number, text: s.text, deadline: s.deadline ?? null })),
    deadline: t.deadline,
    deadlineText: t.deadlineText,
    responsible: t.responsible ?? null,
  }));
  const { campaign } = await l.campaigns.create(sheng, { ...DEMO_CAMPAIGN, region: '140000', tasks });
  const { items } = await l.tasks.list(sheng, { campaign: campaign.id, limit: 200, offset: 0 });
  const task = (n: number) => items.find((t) => t.number === String(n))!;
  const act = async (n: number, ...steps: Omit<Parameters<typeof l.tasks.act>[2], 'version'>[]) => {
    for (const s of steps) await l.tasks.act(sheng, task(n).id, s);
  };

  // 3 尾矿库在线监测四级联网: in hand, shared out to the cities.
  await act(3, { action: 'handle', owner: '省应急管理厅非煤矿山安全监督管理处', deadline: addDays(today, 60), note: '各市按尾矿库清单逐库核查联网情况' });
  // 12 企业信息系统联网: published.
  await act(12, { action: 'handle', owner: '各市应急管理局', deadline: addDays(today, 90) }, { action: 'publish', note: '在省厅网站公开整治任务和时限' });
  // 19 井深超过800米地下矿山专家会诊: listed with its supervision order.
  await act(
    19,
    { action: 'handle', owner: '省应急管理厅', deadline: addDays(today, 45) },
    { action: 'publish' },
    { action: 'list', supervision: { by: '省应急管理厅', what: '完成入井人数超过30人或井深超过800米地下矿山专家会诊并建立整改台账', deadline: addDays(today, 45) } },
  );
  // 5 头顶库治理: under key supervision, one visit recorded.
  await act(
    5,
    { action: 'handle', owner: '太原市、忻州市应急管理局', deadline: addDays(today, 30) },
    { action: 'publish' },
    { action: 'list', supervision: { by: '省安委办', what: '头顶库闭库销号或升级改造方案报省厅备案', deadline: addDays(today, 30) } },
    { action: 'supervise', note: '列入省级重点督导' },
    { action: 'visit', visit: { by: '省应急管理厅第二督导组', findings: '古交市狐偃山尾矿库下游仍有居民，治理方案未经专家论证；责令7日内补充论证材料', at: node.deps.now() - 5 * 86_400_000 } },
  );
  // 1 “一把手”责任体系: finished and evaluated.
  await act(1, { action: 'handle', owner: '各市应急管理局' }, { action: 'complete', note: '各市报送企业全员安全生产责任清单，已建档' }, { action: 'evaluate', evaluation: { score: 88, conclusion: '责任体系基本建立，个别企业考核问责机制流于形式' } });

  // Shares of task 3: Xinzhou (passed on to Dai county), Taiyuan (already late), Lüliang (accepted).
  const t3 = task(3).id;
  const xz = await l.assignments.assignTask(sheng, t3, { region: '140900', deadline: addDays(today, 30) });
  await l.assignments.assignTask(sheng, t3, { region: '140100', deadline: addDays(today, -5) });
  const ll = await l.assignments.assignTask(sheng, t3, { region: '141100', deadline: addDays(today, 20) });
  const dx = await l.assignments.passOn(xinzhou, xz.id, { region: '140923', deadline: addDays(today, 20) });
  const round = await l.rounds.addRound(sheng, campaign.id, { due: addDays(today, 7), title: `${today.slice(0, 7)} 进展报送` });
  await l.assignments.report(daixian, dx.id, { progress: 60, round: round.round.round, text: '金岭铁矿东沟尾矿库浸润线、库水位、干滩长度测点已接入县级平台；另两座尾矿库正在安装设备，预计月底联网。' });
  await l.assignments.report(xinzhou, xz.id, { progress: 40, text: '全市尾矿库12座，已联网7座，5座正在调试；代县、繁峙县进度滞后，已下发督办通知。' });
  await l.assignments.report(lvliang, ll.id, { progress: 100, round: round.round.round, text: '全市尾矿库均已接入省市县企四级联网平台，近30日掉线率低于2%，附运行截图及巡检记录。' });
  await l.assignments.accept(sheng, ll.id, {});
  // Task 19 shared to Xinzhou too: assigned, nothing reported yet.
  await l.assignments.assignTask(sheng, task(19).id, { region: '140900', deadline: addDays(today, 40) });

  // Key problems (重点问题清单), numbered by city and year, linked to tasks and demo sites.
  const { items: sites } = await node.services.sites.list(sheng, { sort: 'code', limit: 500, offset: 0 });
  const site = (code: string) => sites.find((s) => s.code === code)?.id;
  const keyProblems: string[] = [];
  const problems = [
    { region: '140181', title: '狐偃山尾矿库属“头顶库”，下游居民未搬迁，治理方案未论证', tasks: [task(5).id], sites: [site('140181-TP-01')], owner: '古交市应急管理局', deadline: addDays(today, 30) },
    { region: '140181', title: '狐偃山铁矿井下通风系统未进行专家会诊', tasks: [task(19).id], sites: [site('140181-UG-01')], owner: '古交市应急管理局', deadline: addDays(today, 45) },
    { region: '140923', title: '金岭铁矿东沟尾矿库在线监测数据频繁掉线，未实现四级联网', tasks: [t3], sites: [site('140923-TP-01')], owner: '代县应急管理局', deadline: addDays(today, 20) },
  ];
  for (const p of problems) {
    const r = await l.keyProblems.create(sheng, { ...p, year: DEMO_CAMPAIGN.year, campaign: campaign.id, sites: p.sites.filter((s): s is string => !!s), description: null });
    keyProblems.push(r.item.number);
  }

  // 约谈: Taiyuan, late and silent on task 3.
  await l.pressure.create(sheng, { kind: 'interview', region: '140100', campaign: campaign.id, task: t3, title: '约谈太原市应急管理局主要负责人', content: '尾矿库在线监测联网任务逾期未完成且未按时报送进展，责令10日内提交整改报告。', document: '晋应急约〔2026〕3号' });

  // Overdue marks for what is late now (Taiyuan's share among them).
  await l.deadlines.run(node.deps.now());
  const all = await l.assignments.list(sheng, { campaign: campaign.id, limit: 200, offset: 0 });
  return { campaign: campaign.id, tasks: items.length, problems: imported.problems, assignments: all.total, keyProblems, round: round.round.round };
}
