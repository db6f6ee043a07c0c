import { describe, expect, it } from 'vitest';
import { rateLevel, rateOfChange, rateReading, windowSum } from './rate.ts';
import type { RateRule } from './thresholds.ts';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2025, 6, 1);
const pts = (pairs: [number, number][]) => pairs.map(([h, value]) => ({ ts: T0 + h * H, value }));

describe('rateOfChange', () => {
  it('gives mm/day for a steady creep', () => {
    // 0.5 mm per hour = 12 mm/day
    const p = pts([[0, 100], [1, 100.5], [2, 101], [3, 101.5], [4, 102]]);
    const r = rateOfChange(p, { windowSec: 86_400, perSec: 86_400 });
    expect(r).toEqual({ rate: expect.closeTo(12, 9), points: 5, fromTs: T0, toTs: T0 + 4 * H });
  });
  it('only uses points inside [end − window, end]', () => {
    const p = pts([[0, 0], [10, 50], [20, 60], [30, 70]]);
    // a 20 h window ending at h30 keeps h10 (on the closed edge), h20 and h30
    const r = rateOfChange(p, { windowSec: 20 * 3600, perSec: 3600 });
    expect(r?.points).toBe(3);
    expect(rateOfChange(p, { windowSec: 19 * 3600, perSec: 3600 })?.points).toBe(2);
    expect(r?.rate).toBeCloseTo(1, 9);
    expect(rateOfChange(p, { windowSec: 20 * 3600, perSec: 3600, endTs: T0 + 10 * H })?.rate).toBeCloseTo(5, 9);
  });
  it('is not thrown by one noisy end point the way (last − first) would be', () => {
    const p = pts([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 7], [8, 8], [9, 15]]);
    const r = rateOfChange(p, { windowSec: 86_400, perSec: 3600 })!;
    expect(r.rate).toBeGreaterThan(1);
    expect(r.rate).toBeLessThan(15 / 9);
  });
  it('returns null without enough distinct points', () => {
    expect(rateOfChange([], { windowSec: 60, perSec: 60 })).toBeNull();
    expect(rateOfChange(pts([[0, 1]]), { windowSec: 86_400, perSec: 86_400 })).toBeNull();
    expect(rateOfChange([{ ts: T0, value: 1 }, { ts: T0, value: 2 }], { windowSec: 60, perSec: 60 })).toBeNull();
    expect(rateOfChange(pts([[0, 1], [1, 2]]), { windowSec: 86_400, perSec: 86_400, minPoints: 3 })).toBeNull();
  });
});

describe('rateLevel', () => {
  const rule: RateRule = { direction: 'above', yellow: 5, orange: 10, red: 20, windowSec: 86_400, perSec: 86_400 };
  it('levels the magnitude of the rate by default', () => {
    const settling = pts([[0, 0], [12, -6], [24, -12]]); // −12 mm/day
    expect(rateLevel(settling, rule)).toMatchObject({ rate: expect.closeTo(-12, 9), level: 'orange' });
    expect(rateLevel(settling, { ...rule, absolute: false })?.level).toBeNull();
  });
  it('gives no level below the lowest threshold', () => {
    expect(rateLevel(pts([[0, 0], [24, 3]]), rule)?.level).toBeNull();
  });
  it('turns a window into a reading for the evaluator', () => {
    const p = pts([[0, 0], [24, 25]]);
    expect(rateReading(p, rule, T0 + DAY)).toEqual({ ts: T0 + DAY, value: expect.closeTo(25, 9) });
    expect(rateReading(p, rule, T0 + 3 * DAY)).toBeNull();
  });
});

describe('windowSum', () => {
  it('totals readings in (end − window, end], e.g. 24 h rainfall', () => {
    // hourly rain: 10 mm at h0 (on the open edge of the window ending h24), then 2 mm × 24
    const p = [[0, 10], ...Array.from({ length: 24 }, (_, i) => [i + 1, 2] as [number, number])] as [number, number][];
    expect(windowSum(pts(p), 86_400, T0 + DAY)).toBe(48);
    expect(windowSum(pts(p), 86_400, T0 + DAY - 1)).toBe(56);
    expect(windowSum([], 86_400, T0)).toBe(0);
  });
});
