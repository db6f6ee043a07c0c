import { describe, expect, it } from 'vitest';
import type { Reading } from './evaluator.ts';
import { qualityFlags, spikeFlag, stuckFlag } from './quality.ts';

const H = 3_600_000;
const T0 = Date.UTC(2025, 6, 1);
const series = (values: number[], stepMs = H): Reading[] => values.map((value, i) => ({ ts: T0 + i * stepMs, value }));

describe('stuckFlag', () => {
  it('flags N identical readings spanning the window', () => {
    const r = series([1, 2, 3, 5, 5, 5, 5]);
    expect(stuckFlag(r, { minCount: 4, minSpanSec: 3 * 3600 })).toEqual({ flag: 'stuck', count: 4, sinceTs: T0 + 3 * H });
  });
  it('needs both the count and the span', () => {
    const r = series([1, 5, 5, 5, 5]);
    expect(stuckFlag(r, { minCount: 5, minSpanSec: 0 })).toBeNull();
    expect(stuckFlag(r, { minCount: 4, minSpanSec: 4 * 3600 })).toBeNull();
    expect(stuckFlag(r, { minCount: 4, minSpanSec: 3 * 3600 })).not.toBeNull();
  });
  it('honours a tolerance and stops at the first different value', () => {
    const r = series([7, 5.0, 5.01, 4.99, 5.0]);
    expect(stuckFlag(r, { minCount: 4, minSpanSec: 0, tolerance: 0.02 })).toEqual({ flag: 'stuck', count: 4, sinceTs: T0 + H });
    expect(stuckFlag(r, { minCount: 2, minSpanSec: 0 })).toBeNull();
    expect(stuckFlag([], {})).toBeNull();
  });
});

describe('spikeFlag', () => {
  const history = series([10.0, 10.2, 9.9, 10.1, 10.0, 9.8, 10.1]);
  it('flags a jump far outside the recent spread (MAD)', () => {
    // median 10.0, MAD 0.1 → limit 6 × 1.4826 × 0.1 ≈ 0.89
    const f = spikeFlag(history, { ts: T0 + 7 * H, value: 13 });
    expect(f).toMatchObject({ flag: 'spike', basis: 'mad' });
    expect(f && 'limit' in f ? f.limit : 0).toBeCloseTo(0.88956, 4);
    expect(spikeFlag(history, { ts: T0 + 7 * H, value: 10.8 })).toBeNull();
  });
  it('flags an absolute jump from the previous reading', () => {
    expect(spikeFlag(series([1, 1]), { ts: T0 + 2 * H, value: 60 }, { absoluteLimit: 50 })).toEqual({ flag: 'spike', deviation: 59, limit: 50, basis: 'absolute' });
  });
  it('does not judge on too little or perfectly flat history', () => {
    expect(spikeFlag(series([1, 1, 1]), { ts: T0, value: 100 })).toBeNull();
    expect(spikeFlag(series([1, 1, 1, 1, 1, 1]), { ts: T0, value: 100 })).toBeNull();
  });
});

describe('qualityFlags', () => {
  it('reports impossible values alone', () => {
    expect(qualityFlags('rainfall', [], { ts: T0, value: -3 })).toEqual([
      { flag: 'out_of_range', reason: 'value -3 is outside the physical range of rainfall [0, 1000] mm' },
    ]);
  });
  it('does not call a dry spell a stuck rain gauge, but does a flat piezometer', () => {
    const flat = series(Array(20).fill(0));
    const next = { ts: T0 + 20 * H, value: 0 };
    expect(qualityFlags('rainfall', flat, next)).toEqual([]);
    expect(qualityFlags('phreatic_depth', flat, next)).toEqual([{ flag: 'stuck', count: 21, sinceTs: T0 }]);
  });
});
