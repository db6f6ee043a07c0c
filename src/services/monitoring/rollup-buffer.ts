import type { RollupDelta } from './plan.ts';

/** Adds delta `d` (of the same sensor and bucket) into `into`. */
export function mergeDelta(into: RollupDelta, d: RollupDelta): void {
  into.count += d.count;
  into.sum += d.sum;
  if (d.min < into.min) into.min = d.min;
  if (d.max > into.max) into.max = d.max;
  if (d.firstTs < into.firstTs) (into.firstTs = d.firstTs), (into.firstValue = d.firstValue);
  if (d.lastTs >= into.lastTs) (into.lastTs = d.lastTs), (into.lastValue = d.lastValue);
}

/**
 * Rollup deltas of committed readings not yet written to the rollups table. The writer commits
 * readings many times a second but rollups about once a second: a sensor reporting ten times a
 * second then costs one upsert per bucket per second instead of one per commit. The readings are
 * durable; their rollups are derived and, after a crash, rebuilt from the readings stored after the
 * rollups' watermark (`recoverRollups`). Reads merge the pending deltas in, so a chart never lags.
 */
export function createRollupBuffer() {
  /**
   * Sensor key → its pending deltas by bucketStart + bucketSec (unique: starts are whole multiples of
   * ten minutes in ms, sizes are fewer ms than that).
   */
  let bySensor = new Map<number, Map<number, RollupDelta>>();
  let size = 0;

  return {
    /** Merges committed deltas in. The objects are copied: callers may reuse theirs. */
    add(deltas: readonly RollupDelta[]): void {
      for (const d of deltas) {
        let m = bySensor.get(d.key);
        if (!m) bySensor.set(d.key, (m = new Map()));
        const id = d.bucketStart + d.bucketSec;
        const hit = m.get(id);
        if (hit) mergeDelta(hit, d);
        else m.set(id, { ...d }), size++;
      }
    },
    /** Every pending delta, for writing; the buffer keeps them until `clear`. */
    all(): RollupDelta[] {
      const out: RollupDelta[] = [];
      for (const m of bySensor.values()) for (const d of m.values()) out.push(d);
      return out;
    },
    clear(): void {
      bySensor = new Map();
      size = 0;
    },
    /** Pending deltas of one sensor and bucket size with bucketStart in [from, to), ascending. */
    pending(key: number, bucketSec: number, from: number, to: number): RollupDelta[] {
      const m = bySensor.get(key);
      if (!m) return [];
      return [...m.values()].filter((d) => d.bucketSec === bucketSec && d.bucketStart >= from && d.bucketStart < to).sort((a, b) => a.bucketStart - b.bucketStart);
    },
    get size() {
      return size;
    },
  };
}

export type RollupBuffer = ReturnType<typeof createRollupBuffer>;

export interface StoredRollup {
  bucketStart: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  firstTs?: number;
  firstValue?: number;
  lastTs?: number;
  lastValue?: number;
}

/** Stored rollup rows (ascending by bucketStart) with pending deltas merged in, ascending. */
export function withPending<T extends StoredRollup>(rows: T[], pending: readonly RollupDelta[]): T[] {
  if (pending.length === 0) return rows;
  const byStart = new Map<number, T>();
  for (const r of rows) byStart.set(r.bucketStart, r);
  for (const d of pending) {
    const r = byStart.get(d.bucketStart);
    if (!r) {
      byStart.set(d.bucketStart, { bucketStart: d.bucketStart, count: d.count, sum: d.sum, min: d.min, max: d.max, firstTs: d.firstTs, firstValue: d.firstValue, lastTs: d.lastTs, lastValue: d.lastValue } as T);
      continue;
    }
    const m = { ...r, count: r.count + d.count, sum: r.sum + d.sum, min: Math.min(r.min, d.min), max: Math.max(r.max, d.max) };
    if (r.firstTs !== undefined && d.firstTs < r.firstTs) (m.firstTs = d.firstTs), (m.firstValue = d.firstValue);
    if (r.lastTs !== undefined && d.lastTs >= r.lastTs) (m.lastTs = d.lastTs), (m.lastValue = d.lastValue);
    byStart.set(d.bucketStart, m);
  }
  return [...byStart.values()].sort((a, b) => a.bucketStart - b.bucketStart);
}
