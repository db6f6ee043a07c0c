import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { assertThresholds, clears, levelFor, reaches, validateRateRule, validateThresholds } from './thresholds.ts';

describe('validateThresholds', () => {
  it('accepts monotonic levels either way and a rule with no level', () => {
    expect(validateThresholds({ direction: 'above', blue: 1, yellow: 2, orange: 2, red: 5, hysteresis: 0.5, minDurationSec: 60, minCount: 3 })).toEqual([]);
    expect(validateThresholds({ direction: 'below', yellow: 2, red: 1.5 })).toEqual([]);
    expect(validateThresholds({ direction: 'above' })).toEqual([]);
  });
  it('names the field that breaks the order', () => {
    expect(validateThresholds({ direction: 'above', blue: 3, yellow: 2 }, 'thresholds')).toEqual([
      { path: 'thresholds.yellow', message: "yellow (2) must be ≥ blue (3) when direction is 'above'" },
    ]);
    // gaps are skipped: orange is compared with the nearest set lower level
    expect(validateThresholds({ direction: 'below', blue: 100, orange: 120 })).toEqual([
      { path: 'orange', message: "orange (120) must be ≤ blue (100) when direction is 'below'" },
    ]);
  });
  it('reports bad fields', () => {
    expect(validateThresholds({ direction: 'up', red: 'x', hysteresis: -1, minCount: 1.5, minDurationSec: -3 })).toEqual([
      { path: 'direction', message: "direction must be 'above' or 'below'" },
      { path: 'red', message: 'red must be a finite number' },
      { path: 'hysteresis', message: 'hysteresis must be a number ≥ 0' },
      { path: 'minDurationSec', message: 'minDurationSec must be a number ≥ 0' },
      { path: 'minCount', message: 'minCount must be an integer ≥ 1' },
    ]);
    expect(validateThresholds(null)).toEqual([{ path: '(root)', message: 'thresholds must be an object' }]);
  });
  it('assertThresholds throws Invalid with the problems as details', () => {
    try {
      assertThresholds({ direction: 'above', yellow: 5, orange: 4 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Invalid);
      expect((e as Invalid).message).toBe("Invalid thresholds: thresholds.orange: orange (4) must be ≥ yellow (5) when direction is 'above'");
      expect((e as Invalid).details).toEqual([{ path: 'thresholds.orange', message: "orange (4) must be ≥ yellow (5) when direction is 'above'" }]);
    }
  });
  it('checks rate rules', () => {
    expect(validateRateRule({ direction: 'above', red: 10, windowSec: 86_400, perSec: 86_400 })).toEqual([]);
    expect(validateRateRule({ direction: 'above', red: 10, windowSec: 0, perSec: 86_400, minPoints: 1 })).toEqual([
      { path: 'windowSec', message: 'windowSec must be a number > 0' },
      { path: 'minPoints', message: 'minPoints must be an integer ≥ 2' },
    ]);
  });
});

describe('levelFor', () => {
  const above = { direction: 'above' as const, blue: 10, yellow: 20, orange: 30, red: 40 };
  const below = { direction: 'below' as const, yellow: 2.0, orange: 1.5, red: 1.0 };
  it('gives the highest level reached, thresholds inclusive', () => {
    expect(levelFor(9.99, above)).toBeNull();
    expect(levelFor(10, above)).toBe('blue');
    expect(levelFor(29.9, above)).toBe('yellow');
    expect(levelFor(40, above)).toBe('red');
    expect(levelFor(400, above)).toBe('red');
  });
  it('mirrors for direction below', () => {
    expect(levelFor(2.01, below)).toBeNull();
    expect(levelFor(2.0, below)).toBe('yellow');
    expect(levelFor(1.2, below)).toBe('orange');
    expect(levelFor(0.3, below)).toBe('red');
  });
  it('works with only some levels set', () => {
    expect(levelFor(5, { direction: 'above', red: 4 })).toBe('red');
    expect(levelFor(3, { direction: 'above', red: 4 })).toBeNull();
    expect(levelFor(3, { direction: 'above' })).toBeNull();
  });
  it('reaches and clears honour direction and hysteresis', () => {
    expect(reaches(5, 5, 'above')).toBe(true);
    expect(reaches(5, 5, 'below')).toBe(true);
    expect(clears(4.6, 5, 'above', 0.5)).toBe(false);
    expect(clears(4.4, 5, 'above', 0.5)).toBe(true);
    expect(clears(5.4, 5, 'below', 0.5)).toBe(false);
    expect(clears(5.6, 5, 'below', 0.5)).toBe(true);
    expect(clears(4.99, 5, 'above')).toBe(true);
  });
});
