/**
 * How much an open finding of each rule weighs when it marks an enterprise for supervision, and the
 * short Chinese name an officer reads in the class's explanation. Severities are the platform's
 * defaults (a rule that bans outright or measures a safety distance is high); the bureau changes them
 * through the enforcement class rules.
 */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_SEVERITY: Record<string, Severity> = {
  pond_dam_height: 'high',
  heads_up_pond: 'high',
  heads_up_treatment: 'medium',
  yellow_river_distance: 'high',
  pond_count_baseline: 'low',
  min_scale: 'medium',
  one_mine_one_operator: 'medium',
  closure_candidate: 'low',
  standardisation_grade: 'low',
  licence_valid: 'high',
  expert_consultation: 'medium',
  filling_method: 'low',
  banned_equipment: 'high',
};

/** 规则简称, as the explanations and plan reasons name a rule. */
export const RULE_SHORT_ZH: Record<string, string> = {
  pond_dam_height: '尾矿库坝高超限',
  heads_up_pond: '头顶库',
  heads_up_treatment: '头顶库治理方案',
  yellow_river_distance: '黄河岸线安全距离',
  pond_count_baseline: '尾矿库数量只减不增',
  min_scale: '最低生产规模',
  one_mine_one_operator: '一矿一主体',
  closure_candidate: '重点关闭对象',
  standardisation_grade: '安全生产标准化等级',
  licence_valid: '安全生产许可证',
  expert_consultation: '专家会诊',
  filling_method: '充填采矿法论证',
  banned_equipment: '淘汰落后设备',
};

export const ruleShortZh = (rule: string) => RULE_SHORT_ZH[rule] ?? rule;
