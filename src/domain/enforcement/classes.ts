/**
 * Supervision classes (分类分级监管; Shanxi 2025): non-coal enterprises are classed by safety risk A
 * (low), B (general), C (significant), D (major), and enforcement inspections per mine per year are
 * capped by class (A 1, B 1, C 2, D 4: ceilings, not minimums).
 *
 * The class is computed from facts factor by factor, each with its points and why, so that an officer
 * can see what drives it and override it with a reason. Every value below is configuration with its
 * source; the points and thresholds are the platform's defaults, to be set by the bureau.
 */
import { RULE_SEVERITY, ruleShortZh, type Severity } from '../compliance/severity.ts';
import type { LicenceState } from './licences.ts';

export const CLASSES = ['A', 'B', 'C', 'D'] as const;
export type SupervisionClass = (typeof CLASSES)[number];

export interface ClassRules {
  /** Points at or above which an enterprise is in the class (D highest). */
  thresholds: { D: number; C: number; B: number };
  /** Enforcement inspections per mine per year, ceilings. */
  inspectionsPerYear: Record<SupervisionClass, number>;
  points: {
    underground: number;
    openPit: number;
    /** By pond grade 1–5 (等别); a pond without a derived grade counts as `pondUngraded`. */
    pondByGrade: Record<'1' | '2' | '3' | '4' | '5', number>;
    pondUngraded: number;
    /** Expert-consultation scale: ≥ 30 people underground on a shift or ≥ 800 m deep. */
    largeUnderground: number;
    headsUpPond: number;
    /** Worst standardisation grade of the active sites (一级/二级/三级), or none. */
    standardisation: Record<'1' | '2' | '3' | 'none', number>;
    licenceMissing: number;
    licenceExpiring: number;
    casePerCase: number;
    casesCap: number;
    reassessmentDue: number;
    scored: number;
    majorHazardEach: number;
    majorHazardsCap: number;
    redAlarmEach: number;
    orangeAlarmEach: number;
    alarmsCap: number;
    /** Per open compliance finding (合规问题未整改), by the severity of its rule. */
    findingBySeverity: Record<Severity, number>;
    findingsCap: number;
  };
  /** Each compliance rule's severity; a rule not listed counts as medium. */
  findingSeverity: Record<string, Severity>;
  largeUndergroundPeople: number;
  largeUndergroundDepth: number;
  source: string;
  confirmed: boolean;
}

export const DEFAULT_CLASS_RULES: ClassRules = {
  thresholds: { D: 70, C: 45, B: 25 },
  inspectionsPerYear: { A: 1, B: 1, C: 2, D: 4 },
  points: {
    underground: 20,
    openPit: 10,
    pondByGrade: { '1': 30, '2': 25, '3': 20, '4': 10, '5': 5 },
    pondUngraded: 10,
    largeUnderground: 15,
    headsUpPond: 20,
    standardisation: { '1': -10, '2': 0, '3': 5, none: 10 },
    licenceMissing: 25,
    licenceExpiring: 5,
    casePerCase: 10,
    casesCap: 30,
    reassessmentDue: 15,
    scored: 5,
    majorHazardEach: 25,
    majorHazardsCap: 50,
    redAlarmEach: 15,
    orangeAlarmEach: 8,
    alarmsCap: 30,
    findingBySeverity: { high: 10, medium: 5, low: 2 },
    findingsCap: 30,
  },
  findingSeverity: RULE_SEVERITY,
  largeUndergroundPeople: 30,
  largeUndergroundDepth: 800,
  source: '山西省非煤矿山分类分级监管（2025）：A/B/C/D 类执法检查频次上限 1/1/2/4 次/年；专家会诊范围（2023）：井下单班≥30人或≥800 m；分值与分界为平台默认值，待监管部门确定',
  confirmed: false,
};

export interface ClassSite {
  id: string;
  code: string;
  kind: string;
  status: string | null;
  grade: number | null;
  depth: number | null;
  peopleUnderground: number | null;
  headsUp: boolean | null;
  standardGrade: number | null;
}

export interface EnterpriseFacts {
  /** Sites not closed. */
  sites: ClassSite[];
  /** The best licence state the enterprise holds for its producing sites; 'none' when it holds none. */
  licence: LicenceState | 'none';
  /** Whether any site is producing (a licence matters only then). */
  producing: boolean;
  /** Illegal-activity cases opened in the last 12 months. */
  cases: number;
  /** Principal persons at 12 points or more this cycle, and the cycle's points in all. */
  reassessmentDue: number;
  points: number;
  /** Open major hazards; null when the hazard ledger is not available here. */
  majorHazards: number | null;
  redAlarms: number;
  orangeAlarms: number;
  /** Open compliance findings (new or acknowledged) about the enterprise's sites, by rule; null when not known here. */
  openFindings?: { rule: string; site: string | null }[] | null;
}

export interface Factor {
  factor: string;
  value: unknown;
  points: number;
  explanation: string;
}

export interface Classification {
  class: SupervisionClass;
  score: number;
  factors: Factor[];
  inspectionsPerYear: number;
}

function siteFactor(sites: readonly ClassSite[], r: ClassRules): Factor {
  let best = { points: 0, why: '无在册矿山/尾矿库' };
  for (const s of sites) {
    let p = 0;
    let why = '';
    if (s.kind === 'underground') [p, why] = [r.points.underground, `${s.code} 地下矿山`];
    else if (s.kind === 'open_pit') [p, why] = [r.points.openPit, `${s.code} 露天矿山`];
    else if (s.kind === 'tailings_pond') {
      const g = s.grade ? String(s.grade) as keyof ClassRules['points']['pondByGrade'] : null;
      [p, why] = g && g in r.points.pondByGrade ? [r.points.pondByGrade[g], `${s.code} ${s.grade}等尾矿库`] : [r.points.pondUngraded, `${s.code} 尾矿库（等别未定）`];
    }
    if (p > best.points) best = { points: p, why };
  }
  return { factor: 'site_kind', value: sites.map((s) => s.kind), points: best.points, explanation: `风险最高的场所：${best.why}` };
}

function scaleFactor(sites: readonly ClassSite[], r: ClassRules): Factor {
  const large = sites.filter((s) => s.kind === 'underground' && ((s.peopleUnderground ?? 0) >= r.largeUndergroundPeople || (s.depth ?? 0) >= r.largeUndergroundDepth));
  const headsUp = sites.filter((s) => s.kind === 'tailings_pond' && s.headsUp);
  const points = (large.length ? r.points.largeUnderground : 0) + (headsUp.length ? r.points.headsUpPond : 0);
  const parts = [
    large.length ? `${large.map((s) => s.code).join('、')} 井下单班≥${r.largeUndergroundPeople}人或深度≥${r.largeUndergroundDepth} m` : '',
    headsUp.length ? `${headsUp.map((s) => s.code).join('、')} 为头顶库` : '',
  ].filter(Boolean);
  return { factor: 'scale', value: { largeUnderground: large.map((s) => s.code), headsUpPonds: headsUp.map((s) => s.code) }, points, explanation: parts.join('；') || '无专家会诊范围内的大型地下矿山或头顶库' };
}

function standardisationFactor(sites: readonly ClassSite[], r: ClassRules): Factor {
  const mines = sites.filter((s) => s.status !== 'closed');
  if (mines.length === 0) return { factor: 'standardisation', value: null, points: 0, explanation: '无在册场所' };
  const grades = mines.map((s) => s.standardGrade);
  const worst = grades.some((g) => g === null) ? 'none' : String(Math.max(...(grades as number[])));
  const key = (worst in r.points.standardisation ? worst : 'none') as keyof ClassRules['points']['standardisation'];
  const label = key === 'none' ? '有场所未达标准化等级' : `最低标准化等级为${['', '一', '二', '三'][Number(key)]}级`;
  return { factor: 'standardisation', value: key === 'none' ? null : Number(key), points: r.points.standardisation[key], explanation: label };
}

function licenceFactor(f: EnterpriseFacts, r: ClassRules): Factor {
  if (!f.producing) return { factor: 'licence', value: f.licence, points: 0, explanation: '无生产中的场所' };
  if (f.licence === 'valid') return { factor: 'licence', value: f.licence, points: 0, explanation: '安全生产许可证有效' };
  if (f.licence === 'expiring') return { factor: 'licence', value: f.licence, points: r.points.licenceExpiring, explanation: '安全生产许可证进入延续期（期满前3个月）' };
  return { factor: 'licence', value: f.licence, points: r.points.licenceMissing, explanation: f.licence === 'none' ? '生产中但无安全生产许可证' : `生产中但安全生产许可证为 ${f.licence}` };
}

function findingsFactor(f: EnterpriseFacts, r: ClassRules): Factor {
  const open = f.openFindings;
  if (!open) return { factor: 'compliance', value: null, points: 0, explanation: '合规检查结果不可用，未计入' };
  if (open.length === 0) return { factor: 'compliance', value: { open: 0, rules: [] }, points: 0, explanation: '无未整改的合规问题' };
  const sum = open.reduce((s, x) => s + r.points.findingBySeverity[r.findingSeverity[x.rule] ?? 'medium'], 0);
  const rules = [...new Set(open.map((x) => x.rule))];
  return {
    factor: 'compliance',
    value: { open: open.length, rules },
    points: Math.min(sum, r.points.findingsCap),
    explanation: `${open.length} 项合规问题未整改（${rules.map(ruleShortZh).join('、')}）`,
  };
}

/** Classes an enterprise from its facts: each factor's points add up, the thresholds give the class. */
export function classify(f: EnterpriseFacts, r: ClassRules = DEFAULT_CLASS_RULES): Classification {
  const p = r.points;
  const factors: Factor[] = [
    siteFactor(f.sites, r),
    scaleFactor(f.sites, r),
    standardisationFactor(f.sites, r),
    licenceFactor(f, r),
    { factor: 'cases', value: f.cases, points: Math.min(f.cases * p.casePerCase, p.casesCap), explanation: `近12个月打非治违案件 ${f.cases} 起` },
    {
      factor: 'scores',
      value: { reassessmentDue: f.reassessmentDue, points: f.points },
      points: f.reassessmentDue > 0 ? p.reassessmentDue : f.points > 0 ? p.scored : 0,
      explanation: f.reassessmentDue > 0 ? `${f.reassessmentDue} 名主要负责人本周期记满12分` : `主要负责人本周期记分 ${f.points} 分`,
    },
    f.majorHazards === null
      ? { factor: 'major_hazards', value: null, points: 0, explanation: '隐患台账不可用，未计入' }
      : { factor: 'major_hazards', value: f.majorHazards, points: Math.min(f.majorHazards * p.majorHazardEach, p.majorHazardsCap), explanation: `未销号重大事故隐患 ${f.majorHazards} 项` },
    {
      factor: 'alarms',
      value: { red: f.redAlarms, orange: f.orangeAlarms },
      points: Math.min(f.redAlarms * p.redAlarmEach + f.orangeAlarms * p.orangeAlarmEach, p.alarmsCap),
      explanation: `未关闭红色预警 ${f.redAlarms} 条、橙色预警 ${f.orangeAlarms} 条`,
    },
    findingsFactor(f, r),
  ];
  const score = factors.reduce((s, x) => s + x.points, 0);
  const cls = classOfScore(score, r);
  return { class: cls, score, factors, inspectionsPerYear: r.inspectionsPerYear[cls] };
}

export function classOfScore(score: number, r: ClassRules = DEFAULT_CLASS_RULES): SupervisionClass {
  if (score >= r.thresholds.D) return 'D';
  if (score >= r.thresholds.C) return 'C';
  if (score >= r.thresholds.B) return 'B';
  return 'A';
}

/** Rules with an administrator's changes laid over the defaults (only known keys are taken). */
export function mergeRules(stored: unknown): ClassRules {
  if (!stored || typeof stored !== 'object') return DEFAULT_CLASS_RULES;
  const s = stored as Partial<ClassRules>;
  return {
    ...DEFAULT_CLASS_RULES,
    ...s,
    thresholds: { ...DEFAULT_CLASS_RULES.thresholds, ...s.thresholds },
    inspectionsPerYear: { ...DEFAULT_CLASS_RULES.inspectionsPerYear, ...s.inspectionsPerYear },
    points: {
      ...DEFAULT_CLASS_RULES.points,
      ...s.points,
      pondByGrade: { ...DEFAULT_CLASS_RULES.points.pondByGrade, ...s.points?.pondByGrade },
      standardisation: { ...DEFAULT_CLASS_RULES.points.standardisation, ...s.points?.standardisation },
      findingBySeverity: { ...DEFAULT_CLASS_RULES.points.findingBySeverity, ...s.points?.findingBySeverity },
    },
    findingSeverity: { ...DEFAULT_CLASS_RULES.findingSeverity, ...s.findingSeverity },
  };
}
