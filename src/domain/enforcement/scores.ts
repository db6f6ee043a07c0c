/**
 * Scoring of principal persons (主要负责人安全生产考核记分; Shanxi's 2022 scheme for metal-smelting
 * principals, the model for non-coal mines): scored by whoever enforces, one event 12, 6, 3 or 2
 * points, several circumstances add up; the cycle is the calendar year (China time) and its points
 * clear at its end; at 12 points or more the person retakes the safety knowledge and management
 * assessment (安全生产知识和管理能力考核). A transferred person carries the cycle's points.
 */
import { cycleOf } from './dates.ts';
import { nextState, type TransitionTable } from './lifecycle.ts';

export const SCORE_POINTS = [12, 6, 3, 2] as const;
export type ScorePoints = (typeof SCORE_POINTS)[number];

export const SCORE_RULES = {
  /** Points in one cycle at which the person must be re-assessed. */
  reassessmentAt: 12,
  /** Years a person who fails the re-assessment may not serve as principal. */
  barredYears: 2,
  source: '山西省冶金等工贸企业主要负责人安全生产考核记分办法（试行，2022）',
};

/** A recorded score stays; a mistaken one is voided (撤销) with a reason, never deleted. */
export const SCORE_STATES = ['recorded', 'voided'] as const;
export type ScoreState = (typeof SCORE_STATES)[number];
export const SCORE_ACTIONS = ['void'] as const;
export type ScoreAction = (typeof SCORE_ACTIONS)[number];
export const SCORE_TRANSITIONS: TransitionTable<ScoreState, ScoreAction> = {
  void: { from: ['recorded'], to: 'voided' },
};

export function scoreAfter(state: ScoreState, action: ScoreAction): ScoreState {
  return nextState(SCORE_TRANSITIONS, 'score', state, action);
}

export interface ScoredEvent {
  points: number;
  at: number;
  state: ScoreState | string;
}

export interface CycleSummary {
  cycle: number;
  total: number;
  events: number;
  reassessmentDue: boolean;
}

/** A person's points in one cycle: every recorded event of that calendar year, wherever it was scored. */
export function cycleSummary(events: readonly ScoredEvent[], cycle: number): CycleSummary {
  const counted = events.filter((e) => e.state === 'recorded' && cycleOf(e.at) === cycle);
  const total = counted.reduce((s, e) => s + e.points, 0);
  return { cycle, total, events: counted.length, reassessmentDue: total >= SCORE_RULES.reassessmentAt };
}

/** Every cycle the person was scored in, newest first. */
export function cycleSummaries(events: readonly ScoredEvent[]): CycleSummary[] {
  const cycles = [...new Set(events.map((e) => cycleOf(e.at)))].sort((a, b) => b - a);
  return cycles.map((c) => cycleSummary(events, c));
}

/** Mainland resident identity numbers (GB 11643): 17 digits and a check character. */
export function isIdNumber(s: string): boolean {
  return /^\d{17}[\dX]$/.test(s.trim().toUpperCase());
}
