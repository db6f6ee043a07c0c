import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_WEIGHTS,
  creditCodeCheckChar,
  organisationCodeCheckChar,
  REGISTRATION_DEPARTMENTS,
  validateCreditCode,
} from './credit-code.ts';

// Codes printed in public documents (licences, contracts, bug reports of validators); every one passes
// both the position-18 check and the GB 11714 check of its subject code.
const PUBLISHED = [
  '91350100M000100Y43', // the example commonly cited with GB 32100-2015
  '11140800558745220K', // an organ (机关) in 晋中
  '91140106713678575D', // an enterprise registered in 太原 迎泽区
  '12440600MB2C07549J', // a public institution (事业单位)
  '91330201MA282UF146',
  '91330401MA28ADM67R',
  '91310106MA1FY86D4M',
];

const reason = (code: string, opts?: { organisationCode?: boolean }) => {
  const r = validateCreditCode(code, opts);
  return r.ok ? null : r.reason;
};

describe('unified social credit code: the check character', () => {
  it('uses the 31-character alphabet and the weights 3^(i-1) mod 31', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(CREDIT_CODE_ALPHABET).not.toMatch(/[IOZSV]/);
    expect(CREDIT_CODE_WEIGHTS.map((w, i) => w === 3 ** i % 31)).toEqual(Array(17).fill(true));
  });

  it('accepts published codes, with or without the organisation-code check', () => {
    for (const code of PUBLISHED) {
      expect(validateCreditCode(code), code).toEqual({ ok: true });
      expect(validateCreditCode(code, { organisationCode: true }), code).toEqual({ ok: true });
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(organisationCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    }
  });

  it('trims and upper-cases before checking', () => {
    expect(validateCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true });
  });

  it('computes check characters that are letters, and 0 when the sum is a multiple of 31', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('12440600MB2C07549')).toBe('J');
    // 17 zeros weigh nothing: 31 − 0 reads as 0
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(() => creditCodeCheckChar('9135010')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100I000100Y4')).toThrow(RangeError);
  });

  it('computes GB 11714 check characters, including X and 0', () => {
    expect(organisationCodeCheckChar('M000100Y')).toBe('4');
    expect(organisationCodeCheckChar('55874522')).toBe('0');
    // weights 3,7,9,10,5,8,4,2: '00000001' → 1×2 = 2, 11 − 2 = 9; '00000030' → 3×4 = 12 ≡ 1, 11 − 1 = 10 → X
    expect(organisationCodeCheckChar('00000001')).toBe('9');
    expect(organisationCodeCheckChar('00000030')).toBe('X');
    expect(organisationCodeCheckChar('00000000')).toBe('0');
  });
});

describe('unified social credit code: what is wrong', () => {
  it('names a wrong check digit with the expected one', () => {
    expect(reason('91350100M000100Y44')).toBe('校验码应为 3，实为 4 (check digit should be 3, found 4)');
    expect(reason('91140702MA0KX98L7Y')).toBe('校验码应为 9，实为 Y (check digit should be 9, found Y)');
  });

  it('catches any single changed character', () => {
    const code = '91140106713678575D';
    for (let i = 0; i < 17; i++) {
      const other = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(code[i]!) + 1) % 31]!;
      const changed = code.slice(0, i) + other + code.slice(i + 1);
      expect(validateCreditCode(changed).ok, changed).toBe(false);
    }
  });

  it('refuses a wrong length', () => {
    expect(reason('91350100M000100Y4')).toBe('应为18位，实为17位 (must be 18 characters, found 17)');
    expect(reason('')).toBe('应为18位，实为0位 (must be 18 characters, found 0)');
  });

  it('refuses characters outside the alphabet', () => {
    expect(reason('91350100O000100Y43')).toBe('第9位“O”不是允许的字符 (character 9 "O" is not allowed: only 0-9 and A-Z without I, O, Z, S, V)');
    expect(reason('91350100M000100S43')).toMatch(/^第16位“S”/);
    expect(reason('91350100M000100-43')).toMatch(/^第16位“-”/);
  });

  it('refuses an unknown registration department', () => {
    expect(reason('B1350100M000100Y43')).toBe('登记管理部门代码“B”无效 (registration department "B" is not defined by GB 32100)');
    expect(reason('01350100M000100Y43')).toMatch(/registration department "0"/);
  });

  it('refuses an organisation type its department does not issue', () => {
    expect(reason('97350100M000100Y43')).toBe('机构类别代码“7”不属于登记管理部门“9”（工商（市场监管）） (organisation type "7" is not valid for department "9")');
    expect(reason('Y2350100M000100Y43')).toMatch(/organisation type "2" is not valid for department "Y"/);
    expect(reason('14140800558745220K')).toMatch(/organisation type "4" is not valid for department "1"/);
  });

  it('refuses a region part that is not a GB/T 2260 code, but accepts the national 100000', () => {
    expect(reason('9135A100M000100Y43')).toBe('第3–8位“35A100”不是有效的登记管理机关行政区划码 (characters 3–8 "35A100" are not a valid GB/T 2260 region code)');
    expect(reason('91990100M000100Y43')).toMatch(/characters 3–8 "990100"/);
    const national = '91100000M000100Y4';
    expect(validateCreditCode(national + creditCodeCheckChar(national))).toEqual({ ok: true });
  });

  it('checks the subject code only when asked', () => {
    // MA0K1234: 22×3 + 10×7 + 0 + 20×10 + 1×5 + 2×8 + 3×4 + 4×2 = 377 ≡ 3 (mod 11) → 8, not 5
    const body = '91140105MA0K12345';
    const code = body + creditCodeCheckChar(body);
    expect(validateCreditCode(code)).toEqual({ ok: true });
    expect(organisationCodeCheckChar('MA0K1234')).toBe('8');
    expect(reason(code, { organisationCode: true })).toBe(
      '主体标识码校验位应为 8，实为 5 (organisation code check character should be 8, found 5, GB 11714)',
    );
  });

  it('lists the departments of GB 32100 Annex A with their types', () => {
    expect(Object.keys(REGISTRATION_DEPARTMENTS).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'G', 'J', 'N', 'Q', 'Y']);
    expect(Object.keys(REGISTRATION_DEPARTMENTS['9']!.types)).toEqual(['1', '2', '3', '9']);
    expect(REGISTRATION_DEPARTMENTS['9']!.types['1']).toBe('企业');
  });
});
