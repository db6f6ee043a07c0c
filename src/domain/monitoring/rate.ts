/**
 * Rate of change (e.g. dam displacement in mm/day). GB 51108 §8.3.3 asks for thresholds on both the
 * displacement and its rate, derived per dam; the rate rule (thresholds.ts RateRule) carries its own
 * levels and is evaluated like any value, so the same evaluator and pending rules apply to it.
 *
 * The rate is the least-squares slope over the window rather than (last − first) / Δt: one noisy GNSS
 * fix at either end of the window would otherwise swing the rate and raise or clear a warning.
 */
import type { Reading } from './evaluator.ts';
import type { Level } from './levels.ts';
import { levelFor, type RateRule } from './thresholds.ts';

export interface RateResult {
  /** Change per `perSec` seconds. */
  rate: number;
  /** Points used, and the span they cover. */
  points: number;
  fromTs: number;
  toTs: number;
}

/**
 * Slope of value over time for the points with ts in [endTs − windowSec, endTs], in units per
 * `perSec`. `endTs` defaults to the newest point. Null when fewer than `minPoints` (≥ 2) points fall in
 * the window or they all share one timestamp.
 */
export function rateOfChange(
  points: readonly Reading[],
  opts: { windowSec: number; perSec: number; endTs?: number; minPoints?: number },
): RateResult | null {
  if (points.length === 0) return null;
  const end = opts.endTs ?? Math.max(...points.map((p) => p.ts));
  const start = end - opts.windowSec * 1000;
  const inWindow = points.filter((p) => p.ts >= start && p.ts <= end && Number.isFinite(p.value));
  if (inWindow.length < Math.max(2, opts.minPoints ?? 2)) return null;
  // Centre time to keep the sums well conditioned with epoch-millisecond magnitudes.
  const n = inWindow.length;
  const meanT = inWindow.reduce((s, p) => s + p.ts, 0) / n;
  const meanV = inWindow.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of inWindow) {
    const dt = p.ts - meanT;
    sxx += dt * dt;
    sxy += dt * (p.value - meanV);
  }
  if (sxx === 0) return null;
  const perMs = sxy / sxx;
  const tss = inWindow.map((p) => p.ts);
  return { rate: perMs * opts.perSec * 1000, points: n, fromTs: Math.min(...tss), toTs: Math.max(...tss) };
}

/** The rate over the rule's window and the level it reaches (|rate| unless `absolute` is false). */
export function rateLevel(points: readonly Reading[], rule: RateRule, endTs?: number): (RateResult & { level: Level | null }) | null {
  const r = rateOfChange(points, { windowSec: rule.windowSec, perSec: rule.perSec, endTs, minPoints: rule.minPoints });
  if (!r) return null;
  const compared = rule.absolute === false ? r.rate : Math.abs(r.rate);
  return { ...r, level: levelFor(compared, rule) };
}

/** The value to feed the evaluator for a rate rule at `endTs` (|rate| unless `absolute` is false). */
export function rateReading(points: readonly Reading[], rule: RateRule, endTs: number): Reading | null {
  const r = rateOfChange(points, { windowSec: rule.windowSec, perSec: rule.perSec, endTs, minPoints: rule.minPoints });
  if (!r) return null;
  return { ts: endTs, value: rule.absolute === false ? r.rate : Math.abs(r.rate) };
}

/**
 * Sum of the values with ts in (endTs − windowSec, endTs]: the rolling total a template with
 * `sumOverSec` is compared against (rainfall: 24 h). The window is open at its start so that a
 * reading on the boundary is not counted in two consecutive windows.
 */
export function windowSum(points: readonly Reading[], windowSec: number, endTs: number): number {
  const start = endTs - windowSec * 1000;
  let sum = 0;
  for (const p of points) if (p.ts > start && p.ts <= endTs && Number.isFinite(p.value)) sum += p.value;
  return Math.round(sum * 1e6) / 1e6;
}
