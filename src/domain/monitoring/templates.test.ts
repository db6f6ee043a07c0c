import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { interpolateByHeight, templateFor } from './templates.ts';
import { validateThresholds } from './thresholds.ts';

describe('templateFor: freeboard and beach', () => {
  it('upstream dams: red = the minimum freeboard and beach by class, marked unconfirmed', () => {
    const expected: [1 | 2 | 3 | 4 | 5, number, number][] = [
      [1, 1.5, 150],
      [2, 1.0, 100],
      [3, 0.7, 70],
      [4, 0.5, 50],
      [5, 0.4, 40],
    ];
    for (const [grade, fb, beach] of expected) {
      const f = templateFor({ grade, damType: 'upstream', kind: 'freeboard' })!;
      expect(f).toMatchObject({ direction: 'below', red: fb });
      expect(f.provenance.red).toMatchObject({ source: 'GB 51108-2015 条文说明 §8.3.5 / GB 50863-2013 §4.2.1 表4.2.1, 待核实', confirmed: false });
      const b = templateFor({ grade, damType: 'upstream', kind: 'beach_length' })!;
      expect(b).toMatchObject({ direction: 'below', red: beach });
      expect(b.provenance.red?.confirmed).toBe(false);
      expect(f.orange).toBeUndefined();
    }
  });
  it('downstream and centre-line dams use their own beach table and the same freeboard', () => {
    expect(templateFor({ grade: 2, damType: 'downstream', kind: 'beach_length' })?.red).toBe(70);
    expect(templateFor({ grade: 5, damType: 'centerline', kind: 'beach_length' })?.red).toBe(25);
    expect(templateFor({ grade: 2, damType: 'centerline', kind: 'freeboard' })?.red).toBe(1.0);
  });
  it('one-time dams: freeboard as a lower bound, no beach rule', () => {
    const f = templateFor({ grade: 3, damType: 'one_time', kind: 'freeboard' })!;
    expect(f.red).toBe(0.7);
    expect(f.provenance.red?.note).toContain('lower bound');
    expect(templateFor({ grade: 3, damType: 'one_time', kind: 'beach_length' })).toBeNull();
  });
  it('cuts the upstream beach by up to 30% for class 3–5 only', () => {
    expect(templateFor({ grade: 3, damType: 'upstream', kind: 'beach_length', beachReductionPct: 30 })?.red).toBe(49);
    expect(() => templateFor({ grade: 2, damType: 'upstream', kind: 'beach_length', beachReductionPct: 10 })).toThrow(Invalid);
    expect(() => templateFor({ grade: 4, damType: 'upstream', kind: 'beach_length', beachReductionPct: 31 })).toThrow(Invalid);
    expect(() => templateFor({ grade: 4, damType: 'downstream', kind: 'beach_length', beachReductionPct: 10 })).toThrow(Invalid);
  });
  it('earthquake zones: beach at least the dam height and 40 m', () => {
    expect(templateFor({ grade: 5, damType: 'upstream', kind: 'beach_length', seismic: true })?.red).toBe(40);
    const b = templateFor({ grade: 4, damType: 'upstream', kind: 'beach_length', seismic: true, damHeight: 58 })!;
    expect(b.red).toBe(58);
    expect(b.provenance.red?.source).toContain('GB 50191');
    expect(templateFor({ grade: 1, damType: 'upstream', kind: 'beach_length', seismic: true, damHeight: 120 })?.red).toBe(150);
  });
});

describe('templateFor: phreatic line, rainfall, landslide', () => {
  it('phreatic: red from the design, orange = 1.1 × red (confirmed rule)', () => {
    const t = templateFor({ grade: 3, damType: 'upstream', kind: 'phreatic_depth', phreaticMinDepth: 4 })!;
    expect(t).toMatchObject({ direction: 'below', red: 4, orange: 4.4 });
    expect(t.provenance.orange).toEqual({ source: 'GB 51108-2015 条文说明 §8.3.4：橙色 = 1.1 × 红色', confirmed: true });
    expect(validateThresholds(t)).toEqual([]);
  });
  it('phreatic: none without a design value, except the earthquake-zone floor', () => {
    expect(templateFor({ grade: 3, damType: 'upstream', kind: 'phreatic_depth' })).toBeNull();
    expect(templateFor({ grade: 2, damType: 'upstream', kind: 'phreatic_depth', seismic: true })).toMatchObject({ red: 6, orange: 6.6 });
    expect(templateFor({ grade: 4, damType: 'upstream', kind: 'phreatic_depth', seismic: true })).toMatchObject({ red: 4, orange: 4.4 });
    expect(templateFor({ grade: 4, damType: 'upstream', kind: 'phreatic_depth', seismic: true, phreaticMinDepth: 8 })).toMatchObject({ red: 8 });
  });
  it('rainfall: yellow = 50 mm over 24 h', () => {
    expect(templateFor({ grade: 4, damType: 'upstream', kind: 'rainfall' })).toEqual({
      direction: 'above',
      yellow: 50,
      sumOverSec: 86_400,
      provenance: { yellow: { source: 'GB 51108-2015 条文说明 §8.3.7（暴雨级降水量）；GB/T 28592-2012 暴雨：24 h 降水量 ≥ 50 mm', confirmed: true } },
    });
  });
  it('landslide displacement: orange = 80% of the design red', () => {
    expect(templateFor({ grade: 2, damType: 'upstream', kind: 'landslide_displacement', landslideRed: 120 })).toMatchObject({ direction: 'above', orange: 96, red: 120 });
    expect(templateFor({ grade: 2, damType: 'upstream', kind: 'landslide_displacement' })).toBeNull();
  });
  it('gives none where the standards leave it to the design', () => {
    for (const kind of ['water_level', 'surface_displacement', 'internal_displacement', 'seepage_flow'] as const) {
      expect(templateFor({ grade: 1, damType: 'upstream', kind })).toBeNull();
    }
  });
  it('refuses a grade outside 1–5', () => {
    expect(() => templateFor({ grade: 6 as never, damType: 'upstream', kind: 'freeboard' })).toThrow('grade must be 1–5, got 6');
  });
});

describe('interpolateByHeight', () => {
  const table = [
    [30, 4],
    [60, 6],
    [100, 8],
  ] as const;
  it('interpolates linearly and clamps outside', () => {
    expect(interpolateByHeight(table, 45)).toBe(5);
    expect(interpolateByHeight(table, 60)).toBe(6);
    expect(interpolateByHeight(table, 80)).toBe(7);
    expect(interpolateByHeight(table, 10)).toBe(4);
    expect(interpolateByHeight(table, 150)).toBe(8);
  });
});
