import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { DEFAULT_RISK_BANDS, LEC_C, LEC_E, LEC_L, assess, levelOf, riskScore, validateBands, type BandSet } from './risk-levels.ts';

const lec = DEFAULT_RISK_BANDS.LEC;
const ls = DEFAULT_RISK_BANDS.LS;

describe('LEC bands (D = L × E × C)', () => {
  it.each([
    [1000, 'major'],
    [320, 'major'],
    [319.99, 'significant'],
    [160, 'significant'],
    [159.99, 'general'],
    [70, 'general'],
    [69.99, 'low'],
    [0.05, 'low'],
  ] as const)('D %s is %s', (d, level) => {
    expect(levelOf(d, lec)).toBe(level);
  });

  it('scores from the scales, rounding away float noise', () => {
    expect(assess({ method: 'LEC', L: 6, E: 6, C: 15 })).toEqual({ score: 540, level: 'major' });
    expect(assess({ method: 'LEC', L: 3, E: 6, C: 15 })).toEqual({ score: 270, level: 'significant' });
    expect(assess({ method: 'LEC', L: 1, E: 6, C: 15 })).toEqual({ score: 90, level: 'general' });
    expect(assess({ method: 'LEC', L: 3, E: 3, C: 7 })).toEqual({ score: 63, level: 'low' });
    expect(riskScore({ method: 'LEC', L: 0.1, E: 6, C: 100 })).toBe(60);
    expect(riskScore({ method: 'LEC', L: 0.2, E: 0.5, C: 3 })).toBe(0.3);
  });

  it('lands exactly on the edges the scales can reach', () => {
    // No product of the scales is exactly 320 or 160; 70 is (1 × 10 × 7).
    expect(assess({ method: 'LEC', L: 0.5, E: 2, C: 40 })).toEqual({ score: 40, level: 'low' });
    expect(assess({ method: 'LEC', L: 1, E: 10, C: 7 })).toEqual({ score: 70, level: 'general' });
  });

  it('refuses values off the scales, naming each field', () => {
    try {
      assess({ method: 'LEC', L: 5, E: 6, C: 99 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(Invalid);
      expect((err as Invalid).details).toEqual([
        { path: 'L', message: expect.stringContaining('10, 6, 3, 1, 0.5, 0.2, 0.1') },
        { path: 'C', message: expect.stringContaining('100, 40, 15, 7, 3, 1') },
      ]);
    }
  });

  it('carries the classic scales', () => {
    expect(LEC_L.map((x) => x.value)).toEqual([10, 6, 3, 1, 0.5, 0.2, 0.1]);
    expect(LEC_E.map((x) => x.value)).toEqual([10, 6, 3, 2, 1, 0.5]);
    expect(LEC_C.map((x) => x.value)).toEqual([100, 40, 15, 7, 3, 1]);
  });
});

describe('LS bands (R = L × S)', () => {
  it.each([
    [25, 'major'],
    [20, 'major'],
    [19, 'significant'],
    [16, 'significant'],
    [15, 'significant'],
    [14, 'general'],
    [12, 'general'],
    [9, 'general'],
    [8, 'low'],
    [1, 'low'],
  ] as const)('R %s is %s', (r, level) => {
    expect(levelOf(r, ls)).toBe(level);
  });

  it('assesses from 1–5 factors and refuses 0 or 6', () => {
    expect(assess({ method: 'LS', L: 4, S: 5 })).toEqual({ score: 20, level: 'major' });
    expect(assess({ method: 'LS', L: 3, S: 5 })).toEqual({ score: 15, level: 'significant' });
    expect(assess({ method: 'LS', L: 3, S: 3 })).toEqual({ score: 9, level: 'general' });
    expect(assess({ method: 'LS', L: 2, S: 4 })).toEqual({ score: 8, level: 'low' });
    expect(() => assess({ method: 'LS', L: 0, S: 6 })).toThrow(Invalid);
  });
});

describe('bands as configuration', () => {
  it('ships with its source and marked to confirm', () => {
    for (const set of [lec, ls]) {
      expect(set.source).toBeTruthy();
      expect(set.confirmed).toBe(false);
    }
  });

  it('applies an administrator’s bands', () => {
    const strict: BandSet = { ...lec, bands: [{ level: 'major', min: 240 }, { level: 'significant', min: 120 }, { level: 'general', min: 50 }, { level: 'low', min: 0 }], source: '某省指南' };
    validateBands(strict);
    expect(assess({ method: 'LEC', L: 3, E: 6, C: 15 }, { ...DEFAULT_RISK_BANDS, LEC: strict }).level).toBe('major');
  });

  it('refuses bands out of order, missing a level, or without a source', () => {
    expect(() => validateBands({ ...lec, bands: [{ level: 'major', min: 100 }, { level: 'significant', min: 160 }, { level: 'general', min: 70 }, { level: 'low', min: 0 }] })).toThrow(Invalid);
    expect(() => validateBands({ ...lec, bands: lec.bands.slice(0, 3) })).toThrow(Invalid);
    expect(() => validateBands({ ...lec, source: ' ' })).toThrow(Invalid);
  });
});
