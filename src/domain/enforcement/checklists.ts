/**
 * Inspection checklists (检查表) by site kind: a starter library that a region may replace with its
 * own template. Each item names its legal basis; a clause number is given only where it is certain,
 * otherwise the regulation's name alone.
 */

export const CHECKLIST_KINDS = ['tailings_pond', 'underground', 'open_pit'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export interface ChecklistItem {
  /** Stable within a template, so that results name the item they answer. */
  code: string;
  text: string;
  basis: string;
  /** A major-accident hazard item (重大事故隐患判定标准). */
  major?: boolean;
}

export const CHECK_RESULTS = ['pending', 'ok', 'not_ok', 'n_a'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export interface CheckedItem extends ChecklistItem {
  result: CheckResult;
  note: string | null;
}

const GB16423 = '《金属非金属矿山安全规程》GB 16423-2020';
const TAILINGS = '《尾矿库安全规程》GB 39496-2020';
const MAJOR = '《金属非金属矿山重大事故隐患判定标准》（矿安〔2022〕88号）';
// Named by section, not article number: the item lists are the standard's own headings.
const MAJOR_UG = `${MAJOR}地下矿山重大事故隐患`;
const MAJOR_OP = `${MAJOR}露天矿山重大事故隐患`;
const MAJOR_TP = `${MAJOR}尾矿库重大事故隐患`;
const TAILINGS_RULE = '《尾矿库安全监督管理规定》（原国家安全监管总局令第38号）';

export const STARTER_CHECKLISTS: Readonly<Record<ChecklistKind, readonly ChecklistItem[]>> = {
  tailings_pond: [
    { code: 'TP01', text: '安全超高和干滩长度是否符合设计要求', basis: MAJOR_TP, major: true },
    { code: 'TP02', text: '浸润线埋深是否小于控制浸润线埋深', basis: MAJOR_TP, major: true },
    { code: 'TP03', text: '排洪设施是否完好、畅通，排洪能力是否满足设计要求', basis: MAJOR_TP, major: true },
    { code: 'TP04', text: '坝体有无贯穿性裂缝、严重渗漏、管涌、流土、滑坡等险情', basis: MAJOR_TP, major: true },
    { code: 'TP05', text: '在线监测系统是否正常运行，数据是否按要求上传', basis: TAILINGS },
    { code: 'TP06', text: '坝体外坡坡比是否陡于设计坡比', basis: MAJOR_TP, major: true },
    { code: 'TP07', text: '是否按设计筑坝、放矿，坝体堆积高度是否超过设计', basis: TAILINGS },
    { code: 'TP08', text: '库区及尾矿坝上有无违规爆破、采砂、取土、建设等活动', basis: TAILINGS_RULE },
    { code: 'TP09', text: '防洪度汛方案与应急预案是否制定并演练，防汛物资是否储备', basis: TAILINGS_RULE },
    { code: 'TP10', text: '是否按规定开展安全现状评价和坝体稳定性分析', basis: TAILINGS_RULE },
    { code: 'TP11', text: '尾矿库下游安全距离内有无居民或重要设施新增', basis: TAILINGS },
    { code: 'TP12', text: '值班巡查记录是否齐全，汛期是否加密巡查', basis: TAILINGS },
  ],
  underground: [
    { code: 'UG01', text: '安全出口不少于2个，且畅通、标识清楚', basis: MAJOR_UG, major: true },
    { code: 'UG02', text: '通风系统是否完善，主通风机是否正常运转，风量风质是否符合要求', basis: MAJOR_UG, major: true },
    { code: 'UG03', text: '提升系统安全保护装置（过卷、过速、限速、深度指示等）是否齐全有效', basis: MAJOR_UG, major: true },
    { code: 'UG04', text: '采空区是否按设计处理并开展监测', basis: MAJOR_UG, major: true },
    { code: 'UG05', text: '使用干式制动器的无轨胶轮车不得运送人员、炸药和油料', basis: MAJOR_UG, major: true },
    { code: 'UG06', text: '防治水：是否查明水文地质条件，探放水措施是否落实，排水系统能力是否满足', basis: MAJOR_UG, major: true },
    { code: 'UG07', text: '是否擅自超层越界开采或违反设计保安矿柱回采', basis: MAJOR_UG, major: true },
    { code: 'UG08', text: '安全避险“六大系统”（监测监控、人员定位、紧急避险、压风自救、供水施救、通信联络）运行情况', basis: GB16423 },
    { code: 'UG09', text: '井下爆破器材的储存、运输、使用是否符合规定', basis: GB16423 },
    { code: 'UG10', text: '井下供配电：地面中性点直接接地的变压器不得向井下供电', basis: MAJOR_UG, major: true },
    { code: 'UG11', text: '人员下井登记与带班下井制度落实情况', basis: GB16423 },
    { code: 'UG12', text: '地压监测与顶板管理，浮石是否及时处理', basis: GB16423 },
    { code: 'UG13', text: '入井人员是否配备自救器并经培训', basis: GB16423 },
  ],
  open_pit: [
    { code: 'OP01', text: '边坡角、台阶高度和宽度是否符合设计', basis: MAJOR_OP, major: true },
    { code: 'OP02', text: '是否自上而下分台阶（分层）开采，有无掏采', basis: MAJOR_OP, major: true },
    { code: 'OP03', text: '边坡有无滑坡、坍塌迹象，是否按规定开展边坡监测', basis: MAJOR_OP, major: true },
    { code: 'OP04', text: '排土场是否按设计堆排，有无滑坡、泥石流隐患，下游安全距离内有无人员设施', basis: MAJOR_OP, major: true },
    { code: 'OP05', text: '爆破安全距离内人员设备是否撤离，警戒是否到位', basis: '《爆破安全规程》GB 6722-2014' },
    { code: 'OP06', text: '爆破器材储存、领退是否符合规定', basis: GB16423 },
    { code: 'OP07', text: '防排水设施是否完好，是否制定汛期防洪措施', basis: GB16423 },
    { code: 'OP08', text: '运输道路坡度、宽度、安全车挡是否符合设计', basis: GB16423 },
    { code: 'OP09', text: '相邻矿山开采境界之间是否保持安全距离', basis: MAJOR_OP, major: true },
    { code: 'OP10', text: '挖掘机、铲装设备作业时与边坡的安全距离', basis: GB16423 },
    { code: 'OP11', text: '高陡边坡是否按规定采用在线监测', basis: GB16423 },
  ],
};

/** A template's items as the checklist of a new inspection: every result pending. */
export function startChecklist(items: readonly ChecklistItem[]): CheckedItem[] {
  return items.map((i) => ({ ...i, result: 'pending', note: null }));
}

/** Records results against item codes; an unknown code is named so that the caller can refuse it. */
export function recordResults(items: readonly CheckedItem[], results: readonly { code: string; result: Exclude<CheckResult, 'pending'>; note?: string | null }[]): { items: CheckedItem[]; unknown: string[] } {
  const byCode = new Map(results.map((r) => [r.code, r]));
  const known = new Set(items.map((i) => i.code));
  const unknown = results.map((r) => r.code).filter((c) => !known.has(c));
  return { items: items.map((i) => (byCode.has(i.code) ? { ...i, result: byCode.get(i.code)!.result, note: byCode.get(i.code)!.note ?? null } : i)), unknown };
}
