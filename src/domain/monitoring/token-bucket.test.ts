import { describe, expect, it } from 'vitest';
import { refill, takeTokens, type Bucket } from './token-bucket.ts';

const limit = { ratePerSec: 100, burst: 200 };

describe('token bucket', () => {
  it('starts full and lets a burst through, then refuses and says how long to wait', () => {
    const first = takeTokens(undefined, 200, 0, limit);
    expect(first).toEqual({ ok: true, bucket: { tokens: 0, at: 0 } });
    const next = takeTokens(first.bucket, 50, 0, limit);
    expect(next).toEqual({ ok: false, bucket: { tokens: 0, at: 0 }, waitMs: 500 });
  });

  it('refills at the rate, never above the burst', () => {
    expect(refill({ tokens: 0, at: 0 }, 250, limit).tokens).toBe(25);
    expect(refill({ tokens: 0, at: 0 }, 60_000, limit).tokens).toBe(200);
    expect(takeTokens({ tokens: 0, at: 0 }, 50, 500, limit).ok).toBe(true);
  });

  it('a refused take costs nothing', () => {
    const b: Bucket = { tokens: 10, at: 0 };
    const r = takeTokens(b, 20, 0, limit);
    expect(r.ok).toBe(false);
    expect(r.bucket.tokens).toBe(10);
    expect(takeTokens(r.bucket, 10, 0, limit).ok).toBe(true);
  });

  it('a request larger than the burst passes on a full bucket and leaves it in debt', () => {
    const big = takeTokens(undefined, 500, 0, limit);
    expect(big).toEqual({ ok: true, bucket: { tokens: -300, at: 0 } });
    const after = takeTokens(big.bucket, 1, 0, limit);
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.waitMs).toBe(3010);
  });

  it('a clock that steps back neither refills nor drains', () => {
    expect(refill({ tokens: 5, at: 1000 }, 500, limit)).toEqual({ tokens: 5, at: 1000 });
  });
});
