/**
 * The words risks and hazards are described with: the key operations of non-coal mines named by the
 * seed, the accident types of GB 6441-1986 (企业职工伤亡事故分类), the kinds of control measure and
 * the control levels (公司、车间/工段、班组、岗位).
 */
export const KEY_OPERATIONS = ['excavation', 'hoisting', 'haulage', 'blasting', 'ventilation', 'drainage', 'fire_prevention', 'ore_drawing', 'dam_building', 'goaf_treatment'] as const;
export type KeyOperation = (typeof KEY_OPERATIONS)[number];
export const KEY_OPERATION_LABELS: Record<KeyOperation, string> = {
  excavation: '采掘',
  hoisting: '提升',
  haulage: '运输',
  blasting: '爆破',
  ventilation: '通风',
  drainage: '排水',
  fire_prevention: '防火',
  ore_drawing: '放矿',
  dam_building: '筑坝',
  goaf_treatment: '采空区治理',
};

/** GB 6441-1986 §5.2 accident categories (事故类别), in the standard's order. */
export const ACCIDENT_TYPES = [
  '物体打击', '车辆伤害', '机械伤害', '起重伤害', '触电', '淹溺', '灼烫', '火灾', '高处坠落', '坍塌',
  '冒顶片帮', '透水', '放炮', '火药爆炸', '瓦斯爆炸', '锅炉爆炸', '容器爆炸', '其他爆炸', '中毒和窒息', '其他伤害',
] as const;
export type AccidentType = (typeof ACCIDENT_TYPES)[number];

export const MEASURE_KINDS = ['engineering', 'management', 'training', 'ppe', 'emergency'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  engineering: '工程技术措施',
  management: '管理措施',
  training: '培训教育措施',
  ppe: '个体防护措施',
  emergency: '应急处置措施',
};

export const CONTROL_LEVELS = ['company', 'section', 'team', 'post'] as const;
export type ControlLevel = (typeof CONTROL_LEVELS)[number];
export const CONTROL_LEVEL_LABELS: Record<ControlLevel, string> = { company: '公司级', section: '车间（工段）级', team: '班组级', post: '岗位级' };

export const HAZARD_SOURCES = ['check', 'inspection', 'alarm', 'ad_hoc'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];
export const HAZARD_SOURCE_LABELS: Record<HazardSource, string> = { check: '日常排查', inspection: '执法检查', alarm: '监测预警', ad_hoc: '随手拍' };

/** Hazard categories used in Shanxi's ledgers: what is unsafe, the thing, the management, the place. */
export const HAZARD_CATEGORIES = ['equipment', 'behaviour', 'environment', 'management'] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];
export const HAZARD_CATEGORY_LABELS: Record<HazardCategory, string> = {
  equipment: '物的不安全状态',
  behaviour: '人的不安全行为',
  environment: '作业环境缺陷',
  management: '管理缺陷',
};

/** A site's kind as the registry names it. */
export const SITE_KINDS_DP = ['tailings_pond', 'underground', 'open_pit'] as const;
export type SiteKindDp = (typeof SITE_KINDS_DP)[number];
