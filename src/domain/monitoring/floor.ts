/**
 * The regulator owns the floor. Thresholds set by a regulator's template or by an officer bind the
 * enterprise: it may tighten them (raise its own alertness) but not loosen them, remove a level,
 * switch the sensor off or retire it on its own — that waits for the supervising level's approval.
 * 88号 (矿安〔2022〕88号) counts closing or damaging a monitoring system, and a monitoring system not
 * running normally and not repaired in time, as major hazards; `MONITORING_SYSTEM_CRITERIA` names them.
 */
import { LEVELS, type Level } from './levels.ts';
import type { Thresholds } from './thresholds.ts';

export const THRESHOLD_OWNERS = ['template', 'officer', 'enterprise'] as const;
export type ThresholdsOwner = (typeof THRESHOLD_OWNERS)[number];

export const THRESHOLD_OWNER_LABELS: Record<ThresholdsOwner, { zh: string; en: string }> = {
  template: { zh: '监管模板', en: "Regulator's template" },
  officer: { zh: '监管人员设定', en: 'Set by an officer' },
  enterprise: { zh: '企业自设', en: 'Set by the enterprise' },
};

/** Whether the thresholds are a floor the enterprise may only tighten. */
export const isRegulated = (owner: ThresholdsOwner): boolean => owner !== 'enterprise';

/** A sensor's owner as stored, or — for one stored before owners were recorded — read from its level sources. */
export function thresholdsOwner(stored: string | null | undefined, sources: Partial<Record<Level, { origin: string }>>): ThresholdsOwner {
  if (stored && (THRESHOLD_OWNERS as readonly string[]).includes(stored)) return stored as ThresholdsOwner;
  return Object.values(sources).some((s) => s?.origin === 'template') ? 'template' : 'enterprise';
}

export type Weakening =
  | { kind: 'loosened'; level: Level; from: number; to: number }
  | { kind: 'removed'; level: Level; from: number }
  | { kind: 'direction'; from: string; to: string }
  | { kind: 'delayed'; field: 'hysteresis' | 'minDurationSec' | 'minCount'; from: number; to: number }
  | { kind: 'implausible'; level: Level; value: number; range: readonly [number, number] }
  | { kind: 'rate_rule_removed' }
  | { kind: 'disabled' }
  | { kind: 'retired' };

/**
 * What a change of thresholds weakens: a level moved away from danger (for `above`, a higher value;
 * for `below`, a lower one), a level removed, the direction turned, or a rule made slower to fire.
 * A level added, or moved towards danger, tightens and is not listed — unless its new value lies
 * outside what the sensor can measure (`range`): such a level never fires, or never stops firing,
 * and either way no longer tells the danger apart, so it is not a tightening the enterprise makes alone.
 */
export function thresholdWeakenings(before: Thresholds, after: Thresholds, range?: readonly [number, number]): Weakening[] {
  const out: Weakening[] = [];
  if (range) {
    for (const level of LEVELS) {
      const v = after[level];
      if (v !== undefined && v !== before[level] && (v < range[0] || v > range[1])) out.push({ kind: 'implausible', level, value: v, range });
    }
  }
  if (before.direction !== after.direction) out.push({ kind: 'direction', from: before.direction, to: after.direction });
  for (const level of LEVELS) {
    const from = before[level];
    const to = after[level];
    if (from === undefined) continue;
    if (to === undefined) out.push({ kind: 'removed', level, from });
    else if (before.direction === after.direction && (before.direction === 'above' ? to > from : to < from)) out.push({ kind: 'loosened', level, from, to });
  }
  for (const field of ['hysteresis', 'minDurationSec', 'minCount'] as const) {
    const base = field === 'minCount' ? 1 : 0;
    const from = before[field] ?? base;
    const to = after[field] ?? base;
    if (to > from) out.push({ kind: 'delayed', field, from, to });
  }
  return out;
}

/** The 88号 criteria a platform sees in a monitoring system (tailings ponds, and the general items). */
export const MONITORING_SYSTEM_CRITERIA = {
  closed: {
    code: 'monitoring_closed',
    text: '关闭、破坏监测系统，或者篡改、隐瞒、销毁其相关数据、信息',
    source: '矿安〔2022〕88号 金属非金属矿山重大事故隐患判定标准（监测系统）',
  },
  notRepaired: {
    code: 'monitoring_not_repaired',
    text: '监测系统运行不正常未及时修复',
    source: '矿安〔2022〕88号 金属非金属矿山重大事故隐患判定标准（监测系统）；修复时限 GB 51108-2015 §10.0（7 天）',
  },
} as const;
export type MonitoringSystemCriterion = keyof typeof MONITORING_SYSTEM_CRITERIA;
