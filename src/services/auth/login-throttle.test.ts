import { describe, expect, it } from 'vitest';
import { createLoginThrottle, DEFAULT_LOGIN_THROTTLE, requiredDelayMs } from './login-throttle.ts';

describe('login throttle', () => {
  it('waits nothing for the first failures, then 1 s, 2 s, 4 s … up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => requiredDelayMs(n))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(requiredDelayMs(40)).toBe(DEFAULT_LOGIN_THROTTLE.maxDelayMs);
  });

  it('slows one address for one name, never another address or another name', () => {
    const th = createLoginThrottle();
    let now = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(th.check('10.0.0.9', 'admin', now)).toEqual({ allowed: true });
      th.fail('10.0.0.9', 'admin', now);
    }
    expect(th.check('10.0.0.9', 'admin', now)).toEqual({ allowed: false, retryAfterSec: 1 });
    expect(th.check('10.0.0.9', 'ADMIN', now)).toEqual({ allowed: false, retryAfterSec: 1 });
    expect(th.check('192.168.1.5', 'admin', now)).toEqual({ allowed: true });
    expect(th.check('10.0.0.9', 'someone', now)).toEqual({ allowed: true });
    now += 1000;
    th.fail('10.0.0.9', 'admin', now);
    expect(th.check('10.0.0.9', 'admin', now + 1500)).toEqual({ allowed: false, retryAfterSec: 1 });
    expect(th.check('10.0.0.9', 'admin', now + 2000)).toEqual({ allowed: true });
    th.succeed('10.0.0.9', 'admin');
    expect(th.check('10.0.0.9', 'admin', now)).toEqual({ allowed: true });
  });

  it('caps the failures of one address across names', () => {
    const th = createLoginThrottle({ ...DEFAULT_LOGIN_THROTTLE, ipMaxFailures: 5 });
    const now = 5_000_000;
    for (let i = 0; i < 5; i++) th.fail('10.0.0.9', `user${i}`, now + i);
    const r = th.check('10.0.0.9', 'fresh', now + 10);
    expect(r.allowed).toBe(false);
    expect(th.check('10.0.0.10', 'fresh', now + 10)).toEqual({ allowed: true });
    expect(th.check('10.0.0.9', 'fresh', now + DEFAULT_LOGIN_THROTTLE.ipWindowMs + 10)).toEqual({ allowed: true });
  });
});
