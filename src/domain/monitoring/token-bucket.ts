/**
 * A caller's allowance of readings (token bucket): it refills at `ratePerSec` up to `burst`, and each
 * accepted request takes one token per reading. Counting readings, not requests, is the point: one
 * request may carry 100,000 of them.
 */
export interface BucketLimit {
  ratePerSec: number;
  burst: number;
}

export interface Bucket {
  tokens: number;
  at: number;
}

export type Take = { ok: true; bucket: Bucket } | { ok: false; bucket: Bucket; waitMs: number };

/** The bucket as it stands at `now`; a caller never seen before starts full. */
export function refill(b: Bucket | undefined, now: number, limit: BucketLimit): Bucket {
  if (!b) return { tokens: limit.burst, at: now };
  const elapsed = Math.max(0, now - b.at);
  return { tokens: Math.min(limit.burst, b.tokens + (elapsed * limit.ratePerSec) / 1000), at: Math.max(now, b.at) };
}

/**
 * Takes `cost` tokens at `now`, or says how long to wait. A refused take leaves the bucket as it was.
 * A request larger than the burst is let through on a full bucket and leaves it in debt, so that it is
 * never refused forever while the rate over time still holds.
 */
export function takeTokens(b: Bucket | undefined, cost: number, now: number, limit: BucketLimit): Take {
  const current = refill(b, now, limit);
  const needed = Math.min(cost, limit.burst);
  if (current.tokens >= needed) return { ok: true, bucket: { tokens: current.tokens - cost, at: current.at } };
  return { ok: false, bucket: current, waitMs: Math.max(1, Math.ceil(((needed - current.tokens) * 1000) / limit.ratePerSec)) };
}
