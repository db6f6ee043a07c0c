import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { DEFAULT_AGGREGATION, aggregateSite, combine, siteStatus, type Promotion } from './aggregate.ts';
import type { Level } from './levels.ts';

const chain = DEFAULT_AGGREGATION.points;
const strict: Promotion = { ...chain, chain: false };
const rep = (level: Level | null, n: number) => Array<Level | null>(n).fill(level);

describe('combine (one group)', () => {
  it('applies 4 blue → yellow, 3 yellow → orange, 2 orange → red', () => {
    expect(combine(rep('blue', 3), chain)).toBe('blue');
    expect(combine(rep('blue', 4), chain)).toBe('yellow');
    expect(combine(rep('yellow', 2), chain)).toBe('yellow');
    expect(combine(rep('yellow', 3), chain)).toBe('orange');
    expect(combine(rep('orange', 2), chain)).toBe('red');
    expect(combine(['red'], chain)).toBe('red');
  });
  it('takes the highest level reached and ignores points without a level', () => {
    expect(combine(['blue', 'orange', null, 'blue'], chain)).toBe('orange');
    expect(combine([null, null], chain)).toBeNull();
    expect(combine([], chain)).toBeNull();
  });
  it('chains equivalents upwards (the default reading)', () => {
    expect(combine([...rep('blue', 4), ...rep('yellow', 2)], chain)).toBe('orange');
    expect(combine(rep('blue', 8), chain)).toBe('yellow');
    expect(combine(rep('blue', 12), chain)).toBe('orange');
    expect(combine([...rep('yellow', 3), 'orange'], chain)).toBe('red');
  });
  it('does not count a higher point also toward the lower four', () => {
    // 2 blue + 2 yellow: the yellows are not "blue points"; 2 yellows alone make yellow
    expect(combine([...rep('blue', 2), ...rep('yellow', 2)], chain)).toBe('yellow');
    expect(combine([...rep('blue', 3), 'yellow'], chain)).toBe('yellow');
  });
  it('the strict reading promotes on real members only', () => {
    expect(combine([...rep('blue', 4), ...rep('yellow', 2)], strict)).toBe('yellow');
    expect(combine(rep('blue', 12), strict)).toBe('yellow');
    expect(combine(rep('yellow', 3), strict)).toBe('orange');
    expect(combine([...rep('yellow', 2), 'orange'], strict)).toBe('orange');
    expect(combine(['orange', 'red'], strict)).toBe('red');
  });
  it('takes other counts from configuration', () => {
    expect(combine(rep('blue', 2), { blue: 2, yellow: 2, orange: 2, chain: true })).toBe('yellow');
    expect(combine(rep('blue', 4), { blue: 5, yellow: 3, orange: 2, chain: true })).toBe('blue');
  });
});

describe('aggregateSite', () => {
  it('returns the contract shape, items in catalogue order, points in input order', () => {
    const status = aggregateSite([
      { sensor: 'RF-01', kind: 'rainfall', level: null },
      { sensor: 'FB-01', kind: 'freeboard', level: 'yellow' },
      { sensor: 'GNSS-02', kind: 'surface_displacement', level: 'blue' },
      { sensor: 'GNSS-01', kind: 'surface_displacement', level: null },
    ]);
    expect(status).toEqual({
      level: 'yellow',
      items: [
        { kind: 'freeboard', level: 'yellow', points: [{ sensor: 'FB-01', level: 'yellow' }] },
        {
          kind: 'surface_displacement',
          level: 'blue',
          points: [
            { sensor: 'GNSS-02', level: 'blue' },
            { sensor: 'GNSS-01', level: null },
          ],
        },
        { kind: 'rainfall', level: null, points: [{ sensor: 'RF-01', level: null }] },
      ],
    });
  });
  it('promotes points into items, then items into the site', () => {
    const pts = (kind: string, levels: Level[]) => levels.map((level, i) => ({ sensor: `${kind}-${i}`, kind, level }));
    // displacement: 4 blue points → yellow item; phreatic: 3 yellow → orange; freeboard yellow
    const status = aggregateSite([
      ...pts('surface_displacement', ['blue', 'blue', 'blue', 'blue']),
      ...pts('phreatic_depth', ['yellow', 'yellow', 'yellow']),
      ...pts('freeboard', ['yellow']),
    ]);
    expect(status.items.map((i) => [i.kind, i.level])).toEqual([
      ['freeboard', 'yellow'],
      ['phreatic_depth', 'orange'],
      ['surface_displacement', 'yellow'],
    ]);
    // items: 2 yellow + 1 orange → orange (the highest; 2 yellows are short of 3)
    expect(status.level).toBe('orange');
  });
  it('lifts the site from blue items: 4 blue items → yellow', () => {
    const kinds = ['freeboard', 'beach_length', 'phreatic_depth', 'rainfall'];
    const status = aggregateSite(kinds.map((kind) => ({ sensor: kind, kind, level: 'blue' as const })));
    expect(status.level).toBe('yellow');
    expect(aggregateSite(kinds.slice(0, 3).map((kind) => ({ sensor: kind, kind, level: 'blue' as const }))).level).toBe('blue');
  });
  it('two orange items make the site red', () => {
    const status = aggregateSite([
      { sensor: 'a', kind: 'freeboard', level: 'orange' },
      { sensor: 'b', kind: 'beach_length', level: 'orange' },
    ]);
    expect(status.level).toBe('red');
  });
  it('an empty site has no level', () => {
    expect(aggregateSite([])).toEqual({ level: null, items: [] });
  });
  it('refuses a nonsensical policy', () => {
    expect(() => aggregateSite([], { ...DEFAULT_AGGREGATION, items: { blue: 0, yellow: 3, orange: 2, chain: true } })).toThrow(Invalid);
  });
});

describe('siteStatus', () => {
  it('adds the offline sensor codes to the aggregate', () => {
    expect(siteStatus([{ sensor: 'FB-01', kind: 'freeboard', level: 'red' }], ['WL-02'])).toEqual({
      level: 'red',
      items: [{ kind: 'freeboard', level: 'red', points: [{ sensor: 'FB-01', level: 'red' }] }],
      offline: ['WL-02'],
    });
  });
});
