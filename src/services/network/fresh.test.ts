import { describe, expect, it } from 'vitest';
import { createFreshness } from './fresh.ts';

const row = (seq: number, key: number, ts: number) => ({ seq, sensor_key: key, ts, value: 0 });

describe('freshness of forwarded readings', () => {
  it('keeps the newest seconds of each sensor and lets older readings (backfill) go in order', () => {
    const f = createFreshness(3000);
    // A live batch: sensor 1 at 100–104 s, sensor 2 at 50 s (its own clock, far behind).
    expect(f.pick([row(1, 1, 100_000), row(2, 1, 104_000), row(3, 2, 50_000)]).map((r) => r.seq)).toEqual([2, 3]);
    // Backfill behind them: older than their sensors' newest by more than 3 s, except sensor 1 at 101.5 s.
    expect(f.pick([row(4, 1, 10_000), row(5, 1, 101_500), row(6, 2, 40_000), row(7, 2, 47_000)]).map((r) => r.seq)).toEqual([5, 7]);
    // The next live readings, and a sensor seen for the first time.
    expect(f.pick([row(8, 1, 105_000), row(9, 3, 1_000)]).map((r) => r.seq)).toEqual([8, 9]);
  });
});
