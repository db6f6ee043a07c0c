import { describe, expect, it } from 'vitest';
import { highestLevel, isLevel, levelRank, maxLevel, nextLevel } from './levels.ts';

describe('levels', () => {
  it('orders blue < yellow < orange < red, null lowest', () => {
    expect([null, 'blue', 'yellow', 'orange', 'red'].map((l) => levelRank(l as never))).toEqual([0, 1, 2, 3, 4]);
    expect(maxLevel('yellow', 'orange')).toBe('orange');
    expect(maxLevel(null, 'blue')).toBe('blue');
    expect(maxLevel(null, null)).toBeNull();
    expect(highestLevel(['blue', null, 'red', 'yellow'])).toBe('red');
    expect(highestLevel([])).toBeNull();
  });
  it('steps up and stops at red', () => {
    expect(nextLevel('blue')).toBe('yellow');
    expect(nextLevel('orange')).toBe('red');
    expect(nextLevel('red')).toBe('red');
  });
  it('recognises level names', () => {
    expect(isLevel('orange')).toBe(true);
    expect(isLevel('green')).toBe(false);
  });
});
