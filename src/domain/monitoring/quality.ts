/**
 * Data-quality checks. They return flags, never alarms: a flat-lined gauge or a one-reading spike is
 * first a question about the instrument (GB 39496 §5.5.3 asks the system to diagnose its own sensor
 * faults), and the analysis step of the alarm loop may later call it an equipment fault.
 */
import type { Reading } from './evaluator.ts';
import { implausibleReason, sensorKindInfo, type SensorKind } from './sensor-kinds.ts';

export type QualityFlag =
  | { flag: 'out_of_range'; reason: string }
  | { flag: 'stuck'; count: number; sinceTs: number }
  | { flag: 'spike'; deviation: number; limit: number; basis: 'mad' | 'absolute' };

export interface StuckOptions {
  /** Identical readings needed to call the sensor stuck (default 12). */
  minCount?: number;
  /** …and the run must span at least this long (default 6 h). */
  minSpanSec?: number;
  /** Values within this of each other count as identical (default 0). */
  tolerance?: number;
}

export interface SpikeOptions {
  /** Flag when |value − median| > multiple × 1.4826 × MAD of the recent history (default 6). */
  madMultiple?: number;
  /** Also flag when |value − previous value| exceeds this absolute jump, in the sensor's unit. */
  absoluteLimit?: number;
  /** Fewest history points before the MAD test applies (default 5). */
  minHistory?: number;
}

/**
 * The sensor is stuck when its most recent readings are all the same value for at least
 * `minCount` readings spanning at least `minSpanSec`. `recent` is ordered by ts, newest last.
 */
export function stuckFlag(recent: readonly Reading[], opts: StuckOptions = {}): QualityFlag | null {
  const minCount = opts.minCount ?? 12;
  const minSpanMs = (opts.minSpanSec ?? 6 * 3600) * 1000;
  const tol = opts.tolerance ?? 0;
  const last = recent[recent.length - 1];
  if (!last) return null;
  let i = recent.length - 1;
  while (i > 0 && Math.abs(recent[i - 1]!.value - last.value) <= tol) i--;
  const count = recent.length - i;
  const sinceTs = recent[i]!.ts;
  if (count >= minCount && last.ts - sinceTs >= minSpanMs) return { flag: 'stuck', count, sinceTs };
  return null;
}

/** Median of the first n values of xs, sorting them in place (insertion sort: n is a dozen). */
function medianInPlace(xs: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > v) (xs[j + 1] = xs[j]!), j--;
    xs[j + 1] = v;
  }
  const mid = n >> 1;
  return n % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/**
 * Is `reading` a spike against `history` (the readings before it, newest last)? The MAD test is robust
 * to the spikes already in the window; when the history is perfectly flat (MAD 0) only the absolute
 * limit can flag, so that the first real movement of a quiet gauge is not called a spike.
 */
export function spikeFlag(history: readonly Reading[], reading: Reading, opts: SpikeOptions = {}): QualityFlag | null {
  const values = new Float64Array(history.length);
  for (let i = 0; i < history.length; i++) values[i] = history[i]!.value;
  return spikeOfValues(values, history.length, history[history.length - 1]?.value, reading.value, opts);
}

/**
 * The same test on the write path's form of the history: `values[0..n)` in any order (a ring), the
 * previous value, and `scratch` of at least n to sort in, so that no reading allocates.
 */
export function spikeOfValues(values: Float64Array, n: number, prev: number | undefined, value: number, opts: SpikeOptions = {}, scratch = new Float64Array(n)): QualityFlag | null {
  if (opts.absoluteLimit !== undefined && prev !== undefined) {
    const jump = Math.abs(value - prev);
    if (jump > opts.absoluteLimit) return { flag: 'spike', deviation: jump, limit: opts.absoluteLimit, basis: 'absolute' };
  }
  if (n < (opts.minHistory ?? 5)) return null;
  for (let i = 0; i < n; i++) scratch[i] = values[i]!;
  const med = medianInPlace(scratch, n);
  for (let i = 0; i < n; i++) scratch[i] = Math.abs(values[i]! - med);
  const mad = medianInPlace(scratch, n);
  if (mad === 0) return null;
  const limit = (opts.madMultiple ?? 6) * 1.4826 * mad;
  const deviation = Math.abs(value - med);
  return deviation > limit ? { flag: 'spike', deviation, limit, basis: 'mad' } : null;
}

export interface QualityOptions {
  stuck?: StuckOptions;
  spike?: SpikeOptions;
}

/**
 * Every flag for a new reading of a sensor of this kind, given the readings before it (newest last).
 * Kinds whose values are often legitimately flat (rainfall, gases, people) skip the stuck test.
 */
export function qualityFlags(kind: SensorKind, history: readonly Reading[], reading: Reading, opts: QualityOptions = {}): QualityFlag[] {
  const reason = implausibleReason(kind, reading.value);
  if (reason) return [{ flag: 'out_of_range', reason }];
  const flags: QualityFlag[] = [];
  const spike = spikeFlag(history, reading, opts.spike);
  if (spike) flags.push(spike);
  if (!sensorKindInfo(kind).flatIsNormal) {
    const stuck = stuckFlag([...history, reading], opts.stuck);
    if (stuck) flags.push(stuck);
  }
  return flags;
}
