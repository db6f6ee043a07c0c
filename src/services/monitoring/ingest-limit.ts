import { refill, takeTokens, type Bucket, type BucketLimit } from '../../domain/monitoring/token-bucket.ts';
import { RateLimited } from '../../domain/errors.ts';
import type { Config } from '../../config.ts';

/** Far above the benchmark's one token at ~130,000 readings/s: only a runaway caller meets it. */
export const DEFAULT_INGEST_LIMIT: BucketLimit = { ratePerSec: 200_000, burst: 400_000 };

/** The limit the configuration sets (KUANGAN_INGEST_RATE, KUANGAN_INGEST_BURST), else the default. */
export function ingestLimitOf(c: Pick<Config, 'ingestRatePerSec' | 'ingestBurst'>): BucketLimit {
  return { ratePerSec: c.ingestRatePerSec ?? DEFAULT_INGEST_LIMIT.ratePerSec, burst: c.ingestBurst ?? DEFAULT_INGEST_LIMIT.burst };
}

/** Buckets idle long enough to be full again are forgotten once there are this many. */
const SWEEP_ABOVE = 1000;

/**
 * Readings per second per caller, so that one token cannot take the whole writer. Kept in memory: a
 * restart forgets it, which only ever lets a caller in sooner.
 */
export function createIngestLimiter(limit: BucketLimit, now: () => number) {
  const buckets = new Map<string, Bucket>();

  function sweep(at: number) {
    for (const [caller, b] of buckets) if (refill(b, at, limit).tokens >= limit.burst) buckets.delete(caller);
  }

  return {
    /** Takes `readings` from the caller's allowance, or throws RateLimited (429, Retry-After) taking nothing. */
    admit(caller: string, readings: number): void {
      const at = now();
      const r = takeTokens(buckets.get(caller), readings, at, limit);
      buckets.set(caller, r.bucket);
      if (buckets.size > SWEEP_ABOVE) sweep(at);
      if (r.ok) return;
      const retryAfterSec = Math.max(1, Math.ceil(r.waitMs / 1000));
      throw new RateLimited(
        `Too many readings from this caller: the limit is ${limit.ratePerSec} readings/s (bursts up to ${limit.burst}); none of these ${readings} was stored, send them again in ${retryAfterSec} s (上报过于频繁，超出每秒读数限额，本批未保存，请稍后重发)`,
        retryAfterSec,
      );
    },
    /** Gives back what an admitted request took when none of its readings was stored (the writer refused them). */
    refund(caller: string, readings: number): void {
      const b = buckets.get(caller);
      if (b) buckets.set(caller, { tokens: Math.min(limit.burst, b.tokens + readings), at: b.at });
    },
  };
}

export type IngestLimiter = ReturnType<typeof createIngestLimiter>;
