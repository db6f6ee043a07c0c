/**
 * The major-hazard criteria of 《金属非金属矿山重大事故隐患判定标准》（矿安〔2022〕88号, in force
 * 2022-09-01) as far as public copies show them (../shared/domain-88hao.md). Only rows with sourced
 * wording are here; `confirmed` is false where the item number is inferred or not printed, and the
 * note says what is missing. A province administrator completes the catalogue from the official text.
 * Hazards cite a criterion by `id`, which stays stable when the wording is corrected.
 */
export const CRITERIA_SECTIONS = ['underground', 'open_pit', 'tailings_pond'] as const;
export type CriteriaSection = (typeof CRITERIA_SECTIONS)[number];
export const CRITERIA_SECTION_LABELS: Record<CriteriaSection, string> = {
  underground: '一、金属非金属地下矿山重大事故隐患',
  open_pit: '二、金属非金属露天矿山重大事故隐患',
  tailings_pond: '三、尾矿库重大事故隐患',
};

export interface Criterion {
  id: string;
  section: CriteriaSection;
  /** As printed, e.g. 地下(一)1; null when the source gives no number. */
  number: string | null;
  text: string;
  /** For a sub-item: its parent item's heading, verbatim. */
  heading?: string;
  /** Where the wording was read (S1…S7 of domain-88hao.md). */
  source: string;
  /** True when both the wording and the number are read from a source. */
  confirmed: boolean;
  note?: string;
}

export const CRITERIA_DOCUMENT = {
  title: '金属非金属矿山重大事故隐患判定标准',
  number: '矿安〔2022〕88号',
  issuer: '国家矿山安全监察局',
  effective: '2022-09-01',
  total: 64,
  status: 'partial' as const,
};

const S = (ids: string) => `矿安〔2022〕88号；公开转载 ${ids}（见 domain-88hao.md）`;

function c(id: string, section: CriteriaSection, number: string | null, text: string, sources: string, confirmed = true, note?: string, heading?: string): Criterion {
  return { id, section, number, text, source: S(sources), confirmed, ...(heading ? { heading } : {}), ...(note ? { note } : {}) };
}

/** Parent headings of sub-items, verbatim. */
const H = {
  ug1: '安全出口存在下列情形之一的：',
  ug4: '地下矿山现状图纸存在下列情形之一的：',
  ug5: '露天转地下开采存在下列情形之一的：',
  ug7: '井下主要排水系统存在下列情形之一的：',
  ug27: '新建、改扩建矿山建设项目有下列行为之一的：',
  op7: '边坡存在下列情形之一的：',
  op8: '边坡出现滑移现象，存在下列情形之一的：',
};

const NUM_INFERRED = '编号由转载顺序推定，待核对官方文本';

export const CRITERIA_88: readonly Criterion[] = [
  // 一、地下矿山
  c('88-UG-01-1', 'underground', '地下(一)1', '矿井直达地面的独立安全出口少于2个，或者与设计不一致；', 'S1,S2,S7', true, undefined, H.ug1),
  c('88-UG-01-2', 'underground', '地下(一)2', '矿井只有两个独立直达地面的安全出口且安全出口的间距小于30米，或者矿体一翼走向长度超过1000米且未在此翼设置安全出口；', 'S1,S2', true, undefined, H.ug1),
  c('88-UG-01-3', 'underground', '地下(一)3', '矿井的全部安全出口均为竖井且竖井内均未设置梯子间，或者作为主要安全出口的罐笼提升井只有1套提升系统且未设梯子间；', 'S1,S2', true, undefined, H.ug1),
  c('88-UG-01-4', 'underground', '地下(一)4', '主要生产中段（水平）、单个采区、盘区或者矿块的安全出口少于2个，或者未与通往地面的安全出口相通；', 'S1,S2', true, undefined, H.ug1),
  c('88-UG-01-5', 'underground', '地下(一)5', '安全出口出现堵塞或者其梯子、踏步等设施不能正常使用，导致安全出口不畅通。', 'S1,S2', true, undefined, H.ug1),
  c('88-UG-02', 'underground', '地下(二)', '使用国家明令禁止使用的设备、材料或者工艺。', 'S1,S2,S5'),
  c('88-UG-03', 'underground', '地下(三)', '不同矿权主体的相邻矿山井巷相互贯通，或者同一矿权主体相邻独立生产系统的井巷擅自贯通。', 'S1,S2,S5'),
  c('88-UG-04-1', 'underground', '地下(四)1', '未保存《金属非金属矿山安全规程》（GB16423-2020）第4.1.10条规定的图纸，或者生产矿山每3个月、基建矿山每1个月未更新上述图纸；', 'S2', true, '书名号按官方体例补回，标准号破折号样式待核对', H.ug4),
  c('88-UG-04-2', 'underground', '地下(四)2', '岩体移动范围内的地面建构筑物、运输道路及沟谷河流与实际不符；', 'S2', true, undefined, H.ug4),
  c('88-UG-04-3', 'underground', '地下(四)3', '开拓工程和采准工程的井巷或者井下采区与实际不符；', 'S2,S4', true, undefined, H.ug4),
  c('88-UG-04-4', 'underground', '地下(四)4', '相邻矿山采区位置关系与实际不符；', 'S2,S4', true, undefined, H.ug4),
  c('88-UG-04-5', 'underground', '地下(四)5', '采空区和废弃井巷的位置、处理方式、现状，以及地表塌陷区的位置与实际不符。', 'S2', true, undefined, H.ug4),
  c('88-UG-05-1', 'underground', '地下(五)1', '未按设计采取防排水措施；', 'S2', true, undefined, H.ug5),
  c('88-UG-05-2', 'underground', '地下(五)2', '露天与地下联合开采时，回采顺序与设计不符；', 'S2', true, '转载中印作“6 .”（自动编号），按结构应为2.', H.ug5),
  c('88-UG-05-3', 'underground', '地下(五)3', '未按设计采取留设安全顶柱或者岩石垫层等防护措施。', 'S2', true, '转载中印作“7 .”（自动编号），按结构应为3.', H.ug5),
  c('88-UG-06', 'underground', '地下(六)', '矿区及其附近的地表水或者大气降水危及井下安全时，未按设计采取防治水措施。', 'S5', false, NUM_INFERRED),
  c('88-UG-07-3', 'underground', '地下(七)3', '井下最低中段的主水泵房通往中段巷道的出口未装设防水门，或者另外一个出口未高于水泵房地面7米以上；', 'S4', false, '子项编号见于转载，所属条目按主题推定', H.ug7),
  c('88-UG-07-4', 'underground', '地下(七)4', '利用采空区或者其他废弃巷道作为水仓。', 'S4', false, '子项编号见于转载，所属条目按主题推定', H.ug7),
  c('88-UG-08', 'underground', '地下(八)', '井口标高未达到当地历史最高洪水位1米以上，且未按设计采取相应防护措施。', 'S5', false, NUM_INFERRED),
  c('88-UG-12', 'underground', '地下(十二)', '受地表水倒灌威胁的矿井在强降雨天气或者其来水上游发生洪水期间，未实施停产撤人。', 'S5', false, NUM_INFERRED),
  c('88-UG-21', 'underground', '地下(二十一)', '未配齐或者随身携带具有矿用产品安全标志的便携式气体检测报警仪和自救器，或者从业人员不能正确使用自救器。', 'S4,S5'),
  c('88-UG-27-2', 'underground', '地下(二十七)2', '在竣工验收前组织生产，经批准的联合试运转除外。', 'S4', false, '子项所属条目按主题推定', H.ug27),
  // 二、露天矿山
  c('88-OP-01', 'open_pit', '露天(一)', '地下开采转露天开采前，未探明采空区和溶洞，或者未按设计处理对露天开采安全有威胁的采空区和溶洞。', 'S3,S5,S6'),
  c('88-OP-02', 'open_pit', '露天(二)', '使用国家明令禁止使用的设备、材料或者工艺。', 'S3,S5'),
  c('88-OP-03', 'open_pit', '露天(三)', '未采用自上而下的开采顺序分台阶或者分层开采。', 'S3,S5'),
  c('88-OP-04', 'open_pit', '露天(四)', '工作帮坡角大于设计工作帮坡角，或者最终边坡台阶高度超过设计高度。', 'S3,S5'),
  c('88-OP-05', 'open_pit', '露天(五)', '开采或者破坏设计要求保留的矿（岩）柱或者挂帮矿体。', 'S3'),
  c('88-OP-06', 'open_pit', '露天(六)', '未按有关国家标准或者行业标准对采场边坡、排土场边坡进行稳定性分析。', 'S3'),
  c('88-OP-07-1', 'open_pit', '露天(七)1', '高度200米及以上的采场边坡未进行在线监测；', 'S3', true, undefined, H.op7),
  c('88-OP-07-2', 'open_pit', '露天(七)2', '高度200米及以上的排土场边坡未建立边坡稳定监测系统；', 'S3', true, undefined, H.op7),
  c('88-OP-07-3', 'open_pit', '露天(七)3', '关闭、破坏监测系统或者隐瞒、篡改、销毁其相关数据、信息。', 'S3,S4', true, undefined, H.op7),
  c('88-OP-08-1', 'open_pit', '露天(八)1', '边坡出现横向及纵向放射状裂缝；', 'S3,S4', true, undefined, H.op8),
  c('88-OP-08-2', 'open_pit', '露天(八)2', '坡体前缘坡脚处出现上隆（凸起）现象，后缘的裂缝急剧扩展；', 'S3', true, '“隆”字由乱码字节还原（单一来源）', H.op8),
  c('88-OP-10', 'open_pit', '露天(十)', '凹陷露天矿山未按设计建设防洪、排洪设施。', 'S4'),
  // 三、尾矿库 — no item of this section could be read with its number.
  c('88-TP-A', 'tailings_pond', null, '库区或者尾矿坝上存在未按设计进行开采、挖掘、爆破等危及尾矿库安全的活动。', 'S5,S4', false, '条目编号未见于转载（推测为第(一)项），待核对'),
  c('88-TP-B', 'tailings_pond', null, '坝体的平均外坡比或者堆积子坝的外坡比陡于设计坡比。', 'S5,S4', false, '条目编号未见于转载，待核对'),
  c('88-TP-C', 'tailings_pond', null, '坝体高度超过设计总坝高，或者尾矿库超过设计库容贮存尾矿。', 'S5', false, '条目编号未见于转载，待核对'),
  c('88-TP-FLOOD-3', 'tailings_pond', null, '排洪构筑物终止使用时，封堵措施不满足设计要求。', 'S4', false, '子项“3.”，所属条目未见，按主题归入尾矿库'),
  c('88-TP-PHREATIC', 'tailings_pond', null, '浸润线埋深小于控制浸润线埋深。', 'S5,S4', false, '条目编号未见于转载，待核对；浸润线红色预警据此预选'),
  c('88-TP-FREEBOARD', 'tailings_pond', null, '安全超高和干滩长度小于设计规定。', 'S5,S4', false, '条目编号未见于转载，待核对；安全超高、干滩长度红色预警据此预选'),
  c('88-TP-MON-2', 'tailings_pond', null, '安全监测系统运行不正常未及时修复；', 'S4', false, '子项“2.”，所属条目及其他子项（如未按设计设置监测系统、关闭或篡改数据）未见；归入尾矿库为推定'),
];

const byId = new Map(CRITERIA_88.map((x) => [x.id, x]));

export function findCriterion(id: string, catalogue: readonly Criterion[] = CRITERIA_88): Criterion | undefined {
  return catalogue === CRITERIA_88 ? byId.get(id) : catalogue.find((x) => x.id === id);
}

/** Which criteria sections apply to a kind of site (a hazard at a pond cites the pond section). */
export function sectionFor(siteKind: string): CriteriaSection | null {
  return (CRITERIA_SECTIONS as readonly string[]).includes(siteKind) ? (siteKind as CriteriaSection) : null;
}
