import { describe, expect, it } from 'vitest';
import type { RollupDelta } from './plan.ts';
import { createRollupBuffer, withPending } from './rollup-buffer.ts';

const d = (key: number, bucketSec: number, bucketStart: number, values: [number, number][]): RollupDelta => ({
  key,
  bucketSec,
  bucketStart,
  count: values.length,
  sum: values.reduce((a, [, v]) => a + v, 0),
  min: Math.min(...values.map(([, v]) => v)),
  max: Math.max(...values.map(([, v]) => v)),
  firstTs: values[0]![0],
  firstValue: values[0]![1],
  lastTs: values[values.length - 1]![0],
  lastValue: values[values.length - 1]![1],
});

describe('rollup buffer', () => {
  it('merges deltas of the same sensor and bucket, late ones included, and keeps the others apart', () => {
    const b = createRollupBuffer();
    const first = d(1, 600, 0, [[10, 5], [20, 7]]);
    b.add([first, d(1, 3600, 0, [[10, 5], [20, 7]]), d(2, 600, 0, [[15, 1]])]);
    // A later commit: a newer reading and a late one in the same bucket, and a new bucket.
    b.add([d(1, 600, 0, [[5, 9], [30, 2]]), d(1, 600, 600, [[610, 4]])]);
    expect(b.size).toBe(4);
    expect(b.pending(1, 600, 0, 1200)).toEqual([
      { key: 1, bucketSec: 600, bucketStart: 0, count: 4, sum: 23, min: 2, max: 9, firstTs: 5, firstValue: 9, lastTs: 30, lastValue: 2 },
      d(1, 600, 600, [[610, 4]]),
    ]);
    // The caller's objects were copied, not merged into.
    expect(first.count).toBe(2);
    expect(b.pending(1, 600, 600, 1200)).toHaveLength(1);
    expect(b.pending(1, 3600, 0, 3600)).toHaveLength(1);
    expect(b.pending(3, 600, 0, 1200)).toEqual([]);
    expect(b.all()).toHaveLength(4);
    b.clear();
    expect(b.size).toBe(0);
    expect(b.pending(1, 600, 0, 1200)).toEqual([]);
  });

  it('merges pending deltas into stored rows without changing the rows it was given', () => {
    const stored = [
      { bucketStart: 0, count: 2, sum: 10, min: 4, max: 6, firstTs: 1, firstValue: 4, lastTs: 9, lastValue: 6 },
      { bucketStart: 1200, count: 1, sum: 3, min: 3, max: 3, firstTs: 1201, firstValue: 3, lastTs: 1201, lastValue: 3 },
    ];
    const merged = withPending(stored, [d(1, 600, 0, [[0, 8], [12, 1]]), d(1, 600, 600, [[700, 2]])]);
    expect(merged).toEqual([
      { bucketStart: 0, count: 4, sum: 19, min: 1, max: 8, firstTs: 0, firstValue: 8, lastTs: 12, lastValue: 1 },
      { bucketStart: 600, count: 1, sum: 2, min: 2, max: 2, firstTs: 700, firstValue: 2, lastTs: 700, lastValue: 2 },
      stored[1],
    ]);
    expect(stored[0]!.count).toBe(2);
    expect(withPending(stored, [])).toBe(stored);
  });
});
