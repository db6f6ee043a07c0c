/**
 * Threshold rules: the values at which a monitored quantity reaches each warning level, given by the
 * pond's designer (GB 39496-2020 §5.5.4), plus the anti-flapping settings every rule carries.
 *
 * Boundary choice: a level is reached when the value REACHES its threshold (≥ for 'above', ≤ for
 * 'below'). At exactly the minimum freeboard the pond is still compliant, but warning on equality
 * errs on the safe side and makes 'above' and 'below' mirror images. A level ends only when the value
 * is back past the threshold by the hysteresis band (for 'above': value < threshold − hysteresis).
 */
import { Invalid, type FieldProblem } from '../errors.ts';
import { LEVELS, type Level } from './levels.ts';
import type { Direction } from './sensor-kinds.ts';

export interface Thresholds {
  direction: Direction;
  blue?: number;
  yellow?: number;
  orange?: number;
  red?: number;
  /** Width of the clear band, in the sensor's unit (≥ 0; default 0). */
  hysteresis?: number;
  /** The condition must hold this long before a level opens (default 0). */
  minDurationSec?: number;
  /** … and over this many consecutive readings (integer ≥ 1; default 1). */
  minCount?: number;
}

/**
 * A rule on the rate of change (e.g. displacement in mm/day), with levels of its own. The rate is
 * computed by rate.ts over `windowSec` and then evaluated like any value against these thresholds.
 */
export interface RateRule extends Thresholds {
  /** Look-back window over which the rate is fitted. */
  windowSec: number;
  /** Rate unit: value change per this many seconds (86,400 → per day). */
  perSec: number;
  /** Compare |rate| (default true: a dam moving either way is moving). */
  absolute?: boolean;
  /** Fewest points in the window for a rate to be computed (≥ 2; default 2). */
  minPoints?: number;
}

export const THRESHOLD_DEFAULTS = { hysteresis: 0, minDurationSec: 0, minCount: 1 } as const;

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Every problem with a threshold rule, each naming its field (prefixed by `path`, e.g. "thresholds").
 * An empty list means the rule is valid. A rule with no level at all is valid: the sensor records but
 * never alarms.
 */
export function validateThresholds(t: unknown, path = ''): FieldProblem[] {
  const at = (f: string) => (path ? `${path}.${f}` : f);
  if (typeof t !== 'object' || t === null) return [{ path: path || '(root)', message: 'thresholds must be an object' }];
  const r = t as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  if (r.direction !== 'above' && r.direction !== 'below') {
    problems.push({ path: at('direction'), message: "direction must be 'above' or 'below'" });
  }
  for (const level of LEVELS) {
    if (r[level] !== undefined && r[level] !== null && !isNum(r[level])) {
      problems.push({ path: at(level), message: `${level} must be a finite number` });
    }
  }
  if (r.hysteresis !== undefined && !(isNum(r.hysteresis) && r.hysteresis >= 0)) {
    problems.push({ path: at('hysteresis'), message: 'hysteresis must be a number ≥ 0' });
  }
  if (r.minDurationSec !== undefined && !(isNum(r.minDurationSec) && r.minDurationSec >= 0)) {
    problems.push({ path: at('minDurationSec'), message: 'minDurationSec must be a number ≥ 0' });
  }
  if (r.minCount !== undefined && !(Number.isInteger(r.minCount) && (r.minCount as number) >= 1)) {
    problems.push({ path: at('minCount'), message: 'minCount must be an integer ≥ 1' });
  }
  if (problems.length === 0) problems.push(...monotonicProblems(r as unknown as Thresholds, at));
  return problems;
}

/** Levels must step the right way: for 'above' blue ≤ yellow ≤ orange ≤ red, for 'below' the reverse. */
function monotonicProblems(t: Thresholds, at: (f: string) => string): FieldProblem[] {
  const set = LEVELS.filter((l) => isNum(t[l]));
  const problems: FieldProblem[] = [];
  for (let i = 1; i < set.length; i++) {
    const lower = set[i - 1]!;
    const higher = set[i]!;
    const a = t[lower]!;
    const b = t[higher]!;
    if (t.direction === 'above' && b < a) {
      problems.push({ path: at(higher), message: `${higher} (${b}) must be ≥ ${lower} (${a}) when direction is 'above'` });
    }
    if (t.direction === 'below' && b > a) {
      problems.push({ path: at(higher), message: `${higher} (${b}) must be ≤ ${lower} (${a}) when direction is 'below'` });
    }
  }
  return problems;
}

export function validateRateRule(r: unknown, path = ''): FieldProblem[] {
  const problems = validateThresholds(r, path);
  if (typeof r !== 'object' || r === null) return problems;
  const at = (f: string) => (path ? `${path}.${f}` : f);
  const x = r as Record<string, unknown>;
  if (!(isNum(x.windowSec) && x.windowSec > 0)) problems.push({ path: at('windowSec'), message: 'windowSec must be a number > 0' });
  if (!(isNum(x.perSec) && x.perSec > 0)) problems.push({ path: at('perSec'), message: 'perSec must be a number > 0' });
  if (x.minPoints !== undefined && !(Number.isInteger(x.minPoints) && (x.minPoints as number) >= 2)) {
    problems.push({ path: at('minPoints'), message: 'minPoints must be an integer ≥ 2' });
  }
  if (x.absolute !== undefined && typeof x.absolute !== 'boolean') problems.push({ path: at('absolute'), message: 'absolute must be a boolean' });
  return problems;
}

/** Returns the rule unchanged, or throws Invalid (HTTP 422) listing every problem. */
export function assertThresholds(t: unknown, path = 'thresholds'): Thresholds {
  const problems = validateThresholds(t, path);
  if (problems.length > 0) {
    throw new Invalid(`Invalid thresholds: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }
  return t as Thresholds;
}

/** Does the value reach this threshold? (≥ for 'above', ≤ for 'below'.) */
export function reaches(value: number, threshold: number, direction: Direction): boolean {
  return direction === 'above' ? value >= threshold : value <= threshold;
}

/** Is the value back past the threshold by the hysteresis band, so that the level ends? */
export function clears(value: number, threshold: number, direction: Direction, hysteresis = 0): boolean {
  return direction === 'above' ? value < threshold - hysteresis : value > threshold + hysteresis;
}

/** The highest level whose threshold the value reaches, or null. Stateless: no hysteresis. */
export function levelFor(value: number, t: Thresholds): Level | null {
  let found: Level | null = null;
  for (const level of LEVELS) {
    const thr = t[level];
    if (isNum(thr) && reaches(value, thr, t.direction)) found = level;
  }
  return found;
}
