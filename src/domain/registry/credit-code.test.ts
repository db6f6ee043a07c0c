import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, validateCreditCode } from './credit-code.ts';

describe('unified social credit code', () => {
  it('accepts well-formed codes', () => {
    // 91350100M000100Y43 is the example code published with GB 32100-2015.
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(validateCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true });
    const body = '91140105MA0K12345';
    expect(validateCreditCode(body + creditCodeCheckChar(body))).toEqual({ ok: true });
  });

  it('names what is wrong', () => {
    expect(validateCreditCode('91350100M000100Y4')).toEqual({ ok: false, reason: 'must be 18 characters, found 17 (应为18位)' });
    expect(validateCreditCode('91350100M000100Y44').ok).toBe(false);
    expect((validateCreditCode('91350100M000100Y44') as { reason: string }).reason).toMatch(/should be 3, found 4/);
    expect((validateCreditCode('91350100O000100Y43') as { reason: string }).reason).toMatch(/character 9 "O"/);
    expect((validateCreditCode('B1350100M000100Y43') as { reason: string }).reason).toMatch(/department "B"/);
    expect((validateCreditCode('97350100M000100Y43') as { reason: string }).reason).toMatch(/type "7"/);
    expect((validateCreditCode('9135A100M000100Y43') as { reason: string }).reason).toMatch(/region code/);
  });
});
