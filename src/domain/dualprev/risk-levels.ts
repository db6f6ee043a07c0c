/**
 * Graded risk control (风险分级管控): a risk's score by LEC (作业条件危险性评价法, D = L × E × C) or by the
 * risk matrix (风险矩阵 LS, R = L × S), and its level from bands that ship as editable configuration:
 * the bands differ between provincial guides, so each set carries its source and whether it is confirmed.
 */
import { Invalid, type FieldProblem } from '../errors.ts';

export const RISK_LEVELS = ['major', 'significant', 'general', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_LABELS: Record<RiskLevel, { zh: string; en: string; colour: 'red' | 'orange' | 'yellow' | 'blue' }> = {
  major: { zh: '重大风险', en: 'Major', colour: 'red' },
  significant: { zh: '较大风险', en: 'Significant', colour: 'orange' },
  general: { zh: '一般风险', en: 'General', colour: 'yellow' },
  low: { zh: '低风险', en: 'Low', colour: 'blue' },
};

export const RISK_METHODS = ['LEC', 'LS'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];

/** A scale's allowed values, each with what it means (for the assessment form). */
export interface ScaleValue {
  value: number;
  zh: string;
}

/** L: likelihood of an accident (事故发生的可能性). */
export const LEC_L: readonly ScaleValue[] = [
  { value: 10, zh: '完全可以预料' },
  { value: 6, zh: '相当可能' },
  { value: 3, zh: '可能，但不经常' },
  { value: 1, zh: '可能性小，完全意外' },
  { value: 0.5, zh: '很不可能，可以设想' },
  { value: 0.2, zh: '极不可能' },
  { value: 0.1, zh: '实际不可能' },
];
/** E: how often people are exposed (暴露于危险环境的频繁程度). */
export const LEC_E: readonly ScaleValue[] = [
  { value: 10, zh: '连续暴露' },
  { value: 6, zh: '每天工作时间内暴露' },
  { value: 3, zh: '每周一次或偶然暴露' },
  { value: 2, zh: '每月一次暴露' },
  { value: 1, zh: '每年几次暴露' },
  { value: 0.5, zh: '非常罕见地暴露' },
];
/** C: consequence (发生事故可能造成的后果). */
export const LEC_C: readonly ScaleValue[] = [
  { value: 100, zh: '大灾难，许多人死亡' },
  { value: 40, zh: '灾难，数人死亡' },
  { value: 15, zh: '非常严重，一人死亡' },
  { value: 7, zh: '严重，重伤' },
  { value: 3, zh: '重大，致残' },
  { value: 1, zh: '引人注目，需要救护' },
];
/** LS: likelihood and severity, each 1 (lowest) to 5 (highest). */
export const LS_SCALE: readonly ScaleValue[] = [
  { value: 1, zh: '1' },
  { value: 2, zh: '2' },
  { value: 3, zh: '3' },
  { value: 4, zh: '4' },
  { value: 5, zh: '5' },
];

/** One level's lower edge: a score at or above `min` (and below the next level's) has this level. */
export interface Band {
  level: RiskLevel;
  min: number;
}

export interface BandSet {
  /** Highest level first; the last band's min is the lowest score the method can give. */
  bands: Band[];
  source: string;
  /** False while the values are taken from practice or a secondary source (待核实). */
  confirmed: boolean;
  note?: string;
}

export type RiskBands = Record<RiskMethod, BandSet>;

export const DEFAULT_RISK_BANDS: RiskBands = {
  LEC: {
    bands: [
      { level: 'major', min: 320 },
      { level: 'significant', min: 160 },
      { level: 'general', min: 70 },
      { level: 'low', min: 0 },
    ],
    source: '作业条件危险性评价法（LEC）通用分级：D≥320 重大，160≤D<320 较大，70≤D<160 一般，D<70 低',
    confirmed: false,
    note: '待按山西省双重预防机制建设指南核实（经典量表另将 D<20 称为“稍有危险”）',
  },
  LS: {
    bands: [
      { level: 'major', min: 20 },
      { level: 'significant', min: 15 },
      { level: 'general', min: 9 },
      { level: 'low', min: 1 },
    ],
    source: '风险矩阵（LS）常用分级：20–25 重大，15–16 较大，9–12 一般，1–8 低',
    confirmed: false,
    note: '各地指南分级不一，待核实',
  },
};

export type RiskFactors = { method: 'LEC'; L: number; E: number; C: number } | { method: 'LS'; L: number; S: number };

export interface Assessment {
  score: number;
  level: RiskLevel;
}

const allowed = (scale: readonly ScaleValue[]) => scale.map((s) => s.value);

function checkFactor(problems: FieldProblem[], path: string, v: number, scale: readonly ScaleValue[]) {
  if (!allowed(scale).includes(v)) problems.push({ path, message: `${v} is not on the scale (${allowed(scale).join(', ')})` });
}

/** The factors must be values of their scales: a D from free numbers could not be compared with any other. */
export function validateFactors(f: RiskFactors): void {
  const problems: FieldProblem[] = [];
  if (f.method === 'LEC') {
    checkFactor(problems, 'L', f.L, LEC_L);
    checkFactor(problems, 'E', f.E, LEC_E);
    checkFactor(problems, 'C', f.C, LEC_C);
  } else if (f.method === 'LS') {
    checkFactor(problems, 'L', f.L, LS_SCALE);
    checkFactor(problems, 'S', f.S, LS_SCALE);
  } else {
    problems.push({ path: 'method', message: 'must be LEC or LS' });
  }
  if (problems.length) throw new Invalid('Risk factors off their scale (风险评价取值不在量表内)', problems);
}

/** D or R, rounded to hundredths so that 0.1 × 6 × 100 is 60 and not 60.00000000000001. */
export function riskScore(f: RiskFactors): number {
  const raw = f.method === 'LEC' ? f.L * f.E * f.C : f.L * f.S;
  return Math.round(raw * 100) / 100;
}

/** The level a score falls in: the first band (highest first) whose lower edge it reaches. */
export function levelOf(score: number, set: BandSet): RiskLevel {
  for (const b of set.bands) if (score >= b.min) return b.level;
  return set.bands[set.bands.length - 1]!.level;
}

export function assess(f: RiskFactors, bands: RiskBands = DEFAULT_RISK_BANDS): Assessment {
  validateFactors(f);
  const score = riskScore(f);
  return { score, level: levelOf(score, bands[f.method]) };
}

/** An administrator's band set must name every level once, highest first, with strictly falling edges. */
export function validateBands(set: BandSet, path = 'bands'): void {
  const problems: FieldProblem[] = [];
  const levels = set.bands.map((b) => b.level);
  if (levels.join() !== RISK_LEVELS.join()) problems.push({ path, message: `levels must be ${RISK_LEVELS.join(', ')} in this order` });
  for (let i = 1; i < set.bands.length; i++) {
    if (!(set.bands[i]!.min < set.bands[i - 1]!.min)) problems.push({ path: `${path}.${i}.min`, message: 'each lower edge must be below the one above it' });
  }
  for (const [i, b] of set.bands.entries()) if (!Number.isFinite(b.min) || b.min < 0) problems.push({ path: `${path}.${i}.min`, message: 'must be a number ≥ 0' });
  if (!set.source?.trim()) problems.push({ path: 'source', message: 'say where the bands come from' });
  if (problems.length) throw new Invalid('Invalid risk bands (风险分级标准有误)', problems);
}
