/**
 * Failed-login counting per username: after `maxFailures` within `windowMs` the account is locked
 * for `lockMs`. Kept in memory: a restart forgets it, which only ever helps a legitimate user.
 */
export interface LoginThrottle {
  check(username: string, now: number): { locked: false } | { locked: true; retryAfterSec: number };
  fail(username: string, now: number): void;
  succeed(username: string): void;
}

export function createLoginThrottle(opts = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }): LoginThrottle {
  const state = new Map<string, { failures: number[]; lockedUntil: number }>();
  const key = (u: string) => u.toLowerCase();
  return {
    check(username, now) {
      const s = state.get(key(username));
      if (s && s.lockedUntil > now) return { locked: true, retryAfterSec: Math.ceil((s.lockedUntil - now) / 1000) };
      return { locked: false };
    },
    fail(username, now) {
      const k = key(username);
      const s = state.get(k) ?? { failures: [], lockedUntil: 0 };
      s.failures = s.failures.filter((t) => now - t < opts.windowMs);
      s.failures.push(now);
      if (s.failures.length >= opts.maxFailures) {
        s.lockedUntil = now + opts.lockMs;
        s.failures = [];
      }
      state.set(k, s);
      if (state.size > 100_000) state.clear();
    },
    succeed(username) {
      state.delete(key(username));
    },
  };
}
