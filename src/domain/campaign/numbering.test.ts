import { describe, expect, it } from 'vitest';
import { formatKeyProblemNumber, parseKeyProblemNumber } from './numbering.ts';

describe('key-problem numbers', () => {
  it('reads 晋-<city>-<year>-<seq>', () => {
    expect(formatKeyProblemNumber('140105', 2022, 17)).toBe('晋-1401-2022-017');
    expect(formatKeyProblemNumber('140000', 2022, 1)).toBe('晋-1400-2022-001');
    expect(formatKeyProblemNumber('140100', 2023, 1234)).toBe('晋-1401-2023-1234');
  });
  it('parses back', () => {
    expect(parseKeyProblemNumber('晋-1401-2022-017')).toEqual({ cityCode: '1401', year: 2022, seq: 17 });
    expect(parseKeyProblemNumber('1401-2022-017')).toBeNull();
  });
  it('refuses a sequence that is not a positive integer', () => {
    expect(() => formatKeyProblemNumber('140105', 2022, 0)).toThrow(RangeError);
  });
});
