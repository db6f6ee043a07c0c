import type { RiskLevel } from './risk-levels.ts';

/**
 * Hazard investigation (隐患排查): every control measure of a risk point becomes a check item with a
 * frequency and a responsible post — the "dual" link between risk control and hazard investigation.
 * The frequency follows the risk's level (重大风险每日、较大风险每周、一般风险每月、低风险每季); a
 * check covers one site's items of one frequency over one period (China time), due at its end.
 */
export const CHECK_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type CheckFrequency = (typeof CHECK_FREQUENCIES)[number];
export const CHECK_FREQUENCY_LABELS: Record<CheckFrequency, string> = { daily: '每日', weekly: '每周', monthly: '每月', quarterly: '每季度' };
export const CHECK_RESULTS = ['ok', 'not_ok'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
export const CHECK_STATES = ['due', 'done', 'missed'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

const FREQUENCY_OF: Record<RiskLevel, CheckFrequency> = { major: 'daily', significant: 'weekly', general: 'monthly', low: 'quarterly' };
export const frequencyFor = (level: RiskLevel): CheckFrequency => FREQUENCY_OF[level] ?? 'monthly';

export interface PlanRisk {
  id: string;
  name: string;
  level: RiskLevel;
  department: string | null;
  person: string | null;
  measures: { kind: string; text: string; department?: string | null; person?: string | null }[];
  checkItems: string[];
}

export interface CheckItem {
  /** Stable within a plan: `<risk>:m<n>` for a measure, `<risk>:c<n>` for a listed check item. */
  key: string;
  risk: string;
  riskName: string;
  text: string;
  frequency: CheckFrequency;
  /** The responsible post (责任岗位): the measure's department or person, else the risk's. */
  post: string;
}

/** The check plan of one risk point: its measures and listed check items, each to be checked. */
export function planFromRisk(r: PlanRisk): CheckItem[] {
  const frequency = frequencyFor(r.level);
  const fallback = r.department ?? r.person ?? '安全管理部门';
  const fromMeasures = r.measures.map((m, i) => ({ key: `${r.id}:m${i}`, risk: r.id, riskName: r.name, text: m.text, frequency, post: m.department ?? m.person ?? fallback }));
  const listed = r.checkItems.map((text, i) => ({ key: `${r.id}:c${i}`, risk: r.id, riskName: r.name, text, frequency, post: fallback }));
  return [...fromMeasures, ...listed];
}

const CST = 8 * 3_600_000;
const DAY = 86_400_000;

/** The period of a frequency holding `now` (China time): its first instant and its last (the due instant). */
export function periodOf(frequency: CheckFrequency, now: number): { start: number; due: number } {
  const local = new Date(now + CST);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const dayStart = Date.UTC(y, m, local.getUTCDate()) - CST;
  switch (frequency) {
    case 'daily':
      return { start: dayStart, due: dayStart + DAY - 1 };
    case 'weekly': {
      const start = dayStart - ((local.getUTCDay() + 6) % 7) * DAY;
      return { start, due: start + 7 * DAY - 1 };
    }
    case 'monthly':
      return { start: Date.UTC(y, m, 1) - CST, due: Date.UTC(y, m + 1, 1) - CST - 1 };
    case 'quarterly': {
      const q = Math.floor(m / 3) * 3;
      return { start: Date.UTC(y, q, 1) - CST, due: Date.UTC(y, q + 3, 1) - CST - 1 };
    }
  }
}

/** A check's state as it is seen at `now`: not done past its due instant is missed (漏检). */
export function checkState(c: { completedAt: number | null; dueAt: number }, now: number): CheckState {
  if (c.completedAt !== null) return 'done';
  return now > c.dueAt ? 'missed' : 'due';
}
