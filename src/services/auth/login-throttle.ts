/**
 * Slows password guessing without letting anyone lock an account. Failures are counted per source
 * address and username: after `freeFailures` of them, each further try from that address for that
 * name must wait a growing delay (1 s, 2 s, 4 s … up to `maxDelayMs`). Another address is not
 * affected, so the owner of an account is never shut out by someone else's guessing. A coarse cap
 * per address bounds how many tries one address makes across all names. Kept in memory: a restart
 * forgets it, which only ever helps a legitimate user.
 */
export interface LoginThrottle {
  check(ip: string, username: string, now: number): { allowed: true } | { allowed: false; retryAfterSec: number };
  fail(ip: string, username: string, now: number): void;
  succeed(ip: string, username: string): void;
}

export interface LoginThrottleOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures of an address and name older than this are forgotten. */
  forgetAfterMs: number;
  /** Failures one address may have in `ipWindowMs`, whatever the names. */
  ipMaxFailures: number;
  ipWindowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 30 * 60_000,
  ipMaxFailures: 100,
  ipWindowMs: 15 * 60_000,
};

/** The wait after `failures` failures in a row: none for the first few, then doubling up to the cap. */
export function requiredDelayMs(failures: number, o: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE): number {
  if (failures < o.freeFailures) return 0;
  return Math.min(o.baseDelayMs * 2 ** Math.min(failures - o.freeFailures, 30), o.maxDelayMs);
}

export function createLoginThrottle(o: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE): LoginThrottle {
  const pairs = new Map<string, { failures: number; last: number }>();
  const ips = new Map<string, number[]>();
  const pairKey = (ip: string, u: string) => `${ip}\u0000${u.toLowerCase()}`;
  const recent = (ip: string, now: number) => (ips.get(ip) ?? []).filter((t) => now - t < o.ipWindowMs);

  return {
    check(ip, username, now) {
      const byIp = recent(ip, now);
      if (byIp.length >= o.ipMaxFailures) return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((byIp[0]! + o.ipWindowMs - now) / 1000)) };
      const s = pairs.get(pairKey(ip, username));
      if (!s || now - s.last > o.forgetAfterMs) return { allowed: true };
      const until = s.last + requiredDelayMs(s.failures, o);
      return until > now ? { allowed: false, retryAfterSec: Math.max(1, Math.ceil((until - now) / 1000)) } : { allowed: true };
    },
    fail(ip, username, now) {
      const k = pairKey(ip, username);
      const s = pairs.get(k);
      pairs.set(k, { failures: s && now - s.last <= o.forgetAfterMs ? s.failures + 1 : 1, last: now });
      const byIp = recent(ip, now);
      byIp.push(now);
      ips.set(ip, byIp.slice(-o.ipMaxFailures));
      // A flood of addresses must not grow memory without bound: forgetting only helps the guessed-at.
      if (pairs.size > 100_000) pairs.clear();
      if (ips.size > 100_000) ips.clear();
    },
    succeed(ip, username) {
      pairs.delete(pairKey(ip, username));
    },
  };
}
