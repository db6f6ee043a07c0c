import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { DEFAULT_AGGREGATION, aggregateSite, combine, siteStatus, type PointLevel, type Promotion } from './aggregate.ts';
import type { Level } from './levels.ts';

const asWritten = DEFAULT_AGGREGATION.points;
const chained: Promotion = { ...asWritten, chain: true };
const rep = (level: Level | null, n: number) => Array<Level | null>(n).fill(level);

describe('combine as GB 39496-2020 §5.5.4 writes it (the default)', () => {
  it('is the default: counted at the point level, not chained, with its source', () => {
    expect(DEFAULT_AGGREGATION.points).toEqual({ blue: 4, yellow: 3, orange: 2, chain: false });
    expect(DEFAULT_AGGREGATION.items).toEqual({ blue: 4, yellow: 3, orange: 2, chain: false });
    expect(DEFAULT_AGGREGATION.source).toContain('GB 39496-2020 §5.5.4');
  });
  it('3 blue stay blue, 4 blue make yellow', () => {
    expect(combine(rep('blue', 3), asWritten)).toBe('blue');
    expect(combine(rep('blue', 4), asWritten)).toBe('yellow');
  });
  it('2 yellow stay yellow, 3 yellow make orange', () => {
    expect(combine(rep('yellow', 2), asWritten)).toBe('yellow');
    expect(combine(rep('yellow', 3), asWritten)).toBe('orange');
  });
  it('1 orange stays orange, 2 orange make red', () => {
    expect(combine(['orange'], asWritten)).toBe('orange');
    expect(combine(rep('orange', 2), asWritten)).toBe('red');
  });
  it('12 blue make yellow, not orange', () => {
    expect(combine(rep('blue', 12), asWritten)).toBe('yellow');
  });
  it('4 blue + 2 yellow make yellow, not orange', () => {
    expect(combine([...rep('blue', 4), ...rep('yellow', 2)], asWritten)).toBe('yellow');
  });
  it('a single point’s own level counts: one red point makes red', () => {
    expect(combine(['red'], asWritten)).toBe('red');
    expect(combine(['blue', 'red', null], asWritten)).toBe('red');
  });
  it('takes the highest level reached and ignores points without a level', () => {
    expect(combine(['blue', 'orange', null, 'blue'], asWritten)).toBe('orange');
    expect(combine([null, null], asWritten)).toBeNull();
    expect(combine([], asWritten)).toBeNull();
  });
  it('does not count a higher point also toward the lower four', () => {
    expect(combine([...rep('blue', 2), ...rep('yellow', 2)], asWritten)).toBe('yellow');
    expect(combine([...rep('yellow', 2), 'orange'], asWritten)).toBe('orange');
  });
  it('takes other counts from configuration', () => {
    expect(combine(rep('blue', 2), { blue: 2, yellow: 2, orange: 2, chain: false })).toBe('yellow');
    expect(combine(rep('blue', 4), { blue: 5, yellow: 3, orange: 2, chain: false })).toBe('blue');
  });
});

describe('combine, chained reading (a setting, off by default)', () => {
  it('carries equivalents upward', () => {
    expect(combine([...rep('blue', 4), ...rep('yellow', 2)], chained)).toBe('orange');
    expect(combine(rep('blue', 8), chained)).toBe('yellow');
    expect(combine(rep('blue', 12), chained)).toBe('orange');
    expect(combine([...rep('yellow', 3), 'orange'], chained)).toBe('red');
    expect(combine([...rep('blue', 3), 'yellow'], chained)).toBe('yellow');
  });
});

const pts = (kind: string, levels: (Level | null)[]): PointLevel[] => levels.map((level, i) => ({ sensor: `${kind}-${i}`, kind, level }));

describe('aggregateSite: items are §5.5.2 monitoring items', () => {
  it('returns the contract shape, items in §5.5.2 order, points in input order', () => {
    const status = aggregateSite([
      { sensor: 'RF-01', kind: 'rainfall', level: null },
      { sensor: 'FB-01', kind: 'freeboard', level: 'yellow' },
      { sensor: 'GNSS-02', kind: 'surface_displacement', level: 'blue' },
      { sensor: 'GNSS-01', kind: 'surface_displacement', level: null, stale: true, lastHeard: 5 },
    ]);
    const p = (sensor: string, kind: string, level: Level | null, more: object = {}) => ({ sensor, kind, level, derivedFrom: null, stale: false, lastHeard: null, disabled: false, ...more });
    expect(status).toEqual({
      level: 'yellow',
      items: [
        { item: 'dam_displacement', level: 'blue', points: [p('GNSS-02', 'surface_displacement', 'blue'), p('GNSS-01', 'surface_displacement', null, { stale: true, lastHeard: 5 })] },
        { item: 'water_level', level: 'yellow', points: [p('FB-01', 'freeboard', 'yellow')] },
        { item: 'rainfall', level: null, points: [p('RF-01', 'rainfall', null)] },
      ],
    });
  });
  it('surface and internal displacement are one item: 2 + 2 blue points make it yellow', () => {
    const status = aggregateSite([...pts('surface_displacement', ['blue', 'blue']), ...pts('internal_displacement', ['blue', 'blue'])]);
    expect(status.items.map((i) => [i.item, i.level])).toEqual([['dam_displacement', 'yellow']]);
    expect(status.level).toBe('yellow');
  });
  it('a derived freeboard belongs to its water level’s item and counts with it once', () => {
    // One high water: WL orange and the freeboard computed from it orange. One point, one item: orange.
    const status = aggregateSite([
      { sensor: 'WL-01', kind: 'water_level', level: 'orange' },
      { sensor: 'FB-01', kind: 'freeboard', level: 'orange', derivedFrom: 'WL-01' },
    ]);
    expect(status.items.map((i) => [i.item, i.level, i.points.map((p) => p.sensor)])).toEqual([['water_level', 'orange', ['WL-01', 'FB-01']]]);
    expect(status.level).toBe('orange');
    // The pair counts at the higher of its two levels.
    expect(aggregateSite([{ sensor: 'WL-01', kind: 'water_level', level: null }, { sensor: 'FB-01', kind: 'freeboard', level: 'red', derivedFrom: 'WL-01' }]).level).toBe('red');
  });
  it('a derived phreatic depth belongs to its elevation’s item: 2 wells × 2 views at orange are 2 orange points → red', () => {
    const status = aggregateSite([
      { sensor: 'PE-1', kind: 'phreatic_elevation', level: 'orange' },
      { sensor: 'PD-1', kind: 'phreatic_depth', level: 'orange', derivedFrom: 'PE-1' },
    ]);
    expect(status.items.map((i) => [i.item, i.level])).toEqual([['phreatic_line', 'orange']]);
    const two = aggregateSite([
      { sensor: 'PE-1', kind: 'phreatic_elevation', level: 'orange' },
      { sensor: 'PD-1', kind: 'phreatic_depth', level: 'orange', derivedFrom: 'PE-1' },
      { sensor: 'PE-2', kind: 'phreatic_elevation', level: 'orange' },
    ]);
    expect(two.level).toBe('red');
  });
  it('promotes points into items, then items into the site', () => {
    const status = aggregateSite([...pts('surface_displacement', ['blue', 'blue', 'blue', 'blue']), ...pts('phreatic_depth', ['yellow', 'yellow', 'yellow']), ...pts('beach_length', ['yellow'])]);
    expect(status.items.map((i) => [i.item, i.level])).toEqual([
      ['dam_displacement', 'yellow'],
      ['phreatic_line', 'orange'],
      ['dry_beach', 'yellow'],
    ]);
    // items: 2 yellow + 1 orange → orange (2 yellows are short of 3)
    expect(status.level).toBe('orange');
  });
  it('across items: 3 blue items stay blue, 4 make the pond yellow', () => {
    const kinds = ['water_level', 'beach_length', 'phreatic_depth', 'rainfall'];
    const one = (k: string) => ({ sensor: k, kind: k, level: 'blue' as const });
    expect(aggregateSite(kinds.slice(0, 3).map(one)).level).toBe('blue');
    expect(aggregateSite(kinds.map(one)).level).toBe('yellow');
  });
  it('across items: 2 yellow items stay yellow, 3 make orange; 4 blue + 2 yellow items make yellow', () => {
    const at = (kinds: string[], level: Level) => kinds.map((kind) => ({ sensor: kind, kind, level }));
    expect(aggregateSite(at(['water_level', 'beach_length'], 'yellow')).level).toBe('yellow');
    expect(aggregateSite(at(['water_level', 'beach_length', 'rainfall'], 'yellow')).level).toBe('orange');
    expect(aggregateSite([...at(['water_level', 'beach_length', 'rainfall', 'seepage_flow'], 'blue'), ...at(['turbidity', 'pore_pressure'], 'yellow')]).level).toBe('yellow');
  });
  it('across items: 1 orange item stays orange, 2 make the pond red', () => {
    expect(aggregateSite([{ sensor: 'a', kind: 'water_level', level: 'orange' }]).level).toBe('orange');
    expect(aggregateSite([{ sensor: 'a', kind: 'water_level', level: 'orange' }, { sensor: 'b', kind: 'beach_length', level: 'orange' }]).level).toBe('red');
  });
  it('one high water is not two items: a water level and its derived freeboard both orange leave the pond orange', () => {
    const status = aggregateSite([
      { sensor: 'WL-01', kind: 'water_level', level: 'orange' },
      { sensor: 'FB-01', kind: 'freeboard', level: 'orange', derivedFrom: 'WL-01' },
    ]);
    expect(status.items).toHaveLength(1);
    expect(status.level).toBe('orange');
  });
  it('an empty site has no level', () => {
    expect(aggregateSite([])).toEqual({ level: null, items: [] });
  });
  it('refuses a nonsensical policy', () => {
    expect(() => aggregateSite([], { ...DEFAULT_AGGREGATION, items: { blue: 0, yellow: 3, orange: 2, chain: false } })).toThrow(Invalid);
  });
});

describe('siteStatus', () => {
  it('keeps an offline point’s level, marked stale; the station-silent flag is carried', () => {
    const s = siteStatus([{ sensor: 'FB-01', kind: 'freeboard', level: 'red', lastHeard: 7 }], ['FB-01'], DEFAULT_AGGREGATION, true);
    expect(s).toEqual({
      level: 'red',
      items: [{ item: 'water_level', level: 'red', points: [{ sensor: 'FB-01', kind: 'freeboard', level: 'red', derivedFrom: null, stale: true, lastHeard: 7, disabled: false }] }],
      offline: ['FB-01'],
      dataInterrupted: true,
    });
  });
});
