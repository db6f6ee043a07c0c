import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import {
  checkGradeBands,
  gradePond,
  NO_DAM_NO_GRADE,
  combineGrades,
  gradeByHeight,
  gradeByStorage,
  pondGrade,
  POND_GRADE_BANDS,
  POND_GRADE_TABLE,
  type GradeBand,
  type PondGradeNumber,
} from './pond-grade.ts';

describe('grade by one quantity, at every band edge', () => {
  // [edge, grade at the edge, grade just below it]
  const storageEdges: [number, PondGradeNumber, PondGradeNumber][] = [
    [50_000, 1, 2],
    [10_000, 2, 3],
    [1_000, 3, 4],
    [100, 4, 5],
  ];
  const heightEdges: [number, PondGradeNumber, PondGradeNumber][] = [
    [200, 1, 2],
    [100, 2, 3],
    [60, 3, 4],
    [30, 4, 5],
  ];

  it.each(storageEdges)('storage %d ×10⁴ m³ is grade %d, just below it grade %d', (edge, at, below) => {
    expect(gradeByStorage(edge)).toBe(at);
    expect(gradeByStorage(edge + 0.001)).toBe(at);
    expect(gradeByStorage(edge - 0.001)).toBe(below);
    expect(pondGrade(edge, null)?.grade).toBe(at);
    expect(pondGrade(edge - 0.001, null)?.grade).toBe(below);
  });

  it.each(heightEdges)('height %d m is grade %d, just below it grade %d', (edge, at, below) => {
    expect(gradeByHeight(edge)).toBe(at);
    expect(gradeByHeight(edge + 0.001)).toBe(at);
    expect(gradeByHeight(edge - 0.001)).toBe(below);
    expect(pondGrade(null, edge)?.grade).toBe(at);
    expect(pondGrade(undefined, edge - 0.001)?.grade).toBe(below);
  });

  it('covers the ends of the scale', () => {
    expect(gradeByStorage(0)).toBe(5);
    expect(gradeByHeight(0)).toBe(5);
    expect(gradeByStorage(830_000)).toBe(1); // the largest designed pond, 8.3亿 m³
    expect(gradeByHeight(325)).toBe(1); // the highest designed dam
  });

  it('refuses negative or non-numeric quantities', () => {
    expect(() => gradeByStorage(-1)).toThrow(Invalid);
    expect(() => pondGrade(Number.NaN, 40)).toThrow('total storage must be a number ≥ 0, got NaN');
    expect(() => pondGrade(100, Number.POSITIVE_INFINITY)).toThrow(Invalid);
  });
});

describe('combining storage and height', () => {
  // rows: grade by storage 1..5; columns: grade by height 1..5 — read off the rule by hand
  const expected = [
    [1, 1, 2, 2, 2],
    [1, 2, 2, 3, 3],
    [2, 2, 3, 3, 4],
    [2, 3, 3, 4, 4],
    [2, 3, 4, 4, 5],
  ];
  const storageOf = [60_000, 20_000, 5_000, 500, 50];
  const heightOf = [250, 150, 80, 45, 20];

  it('gives all 25 combinations as the standard says', () => {
    for (let s = 0; s < 5; s++) {
      for (let h = 0; h < 5; h++) {
        const g = pondGrade(storageOf[s], heightOf[h])!;
        expect([g.byStorage, g.byHeight, g.grade], `${s + 1}/${h + 1}`).toEqual([s + 1, h + 1, expected[s]![h]]);
        expect(combineGrades((s + 1) as PondGradeNumber, (h + 1) as PondGradeNumber)).toBe(expected[s]![h]);
      }
    }
  });

  it('explains the derivation in Chinese and English, with its source', () => {
    expect(pondGrade(1200, 45)).toEqual({
      grade: 3,
      byStorage: 3,
      byHeight: 4,
      rule: '库容 1200 万m³ → 三等；坝高 45 m → 四等；相差一等，取高者：三等 (storage 1200 ×10⁴ m³ → grade 3; dam height 45 m → grade 4; one grade apart, the higher holds: grade 3)',
      source: 'GB 50863-2013 §3.3.1',
      provisional: false,
    });
    expect(pondGrade(1200, 70)!.rule).toBe(
      '库容 1200 万m³ → 三等；坝高 70 m → 三等；两者一致：三等 (storage 1200 ×10⁴ m³ → grade 3; dam height 70 m → grade 3; both agree: grade 3)',
    );
    expect(pondGrade(12_000, 25)!.rule).toBe(
      '库容 12000 万m³ → 二等；坝高 25 m → 五等；相差三等，取高者降一等：三等 (storage 12000 ×10⁴ m³ → grade 2; dam height 25 m → grade 5; 3 grades apart, the higher lowered by one: grade 3)',
    );
    expect(pondGrade(50, 210)!.rule).toMatch(/相差四等，取高者降一等：二等/);
    expect(pondGrade(1200, 25)!.rule).toMatch(/相差二等，取高者降一等：四等/);
  });

  it('grades from the one quantity known, and says so', () => {
    expect(pondGrade(860, null)).toEqual({
      grade: 4,
      byStorage: 4,
      byHeight: null,
      rule: '库容 860 万m³ → 四等；仅知库容，按其定等：四等 (storage 860 ×10⁴ m³ → grade 4; only storage known, graded by it: grade 4)',
      source: 'GB 50863-2013 §3.3.1',
      provisional: true,
    });
    expect(pondGrade(undefined, 126)).toMatchObject({ grade: 2, byStorage: null, byHeight: 2 });
    expect(pondGrade(undefined, 126)!.rule).toBe('坝高 126 m → 二等；仅知坝高，按其定等：二等 (dam height 126 m → grade 2; only dam height known, graded by it: grade 2)');
  });

  it('has no grade when neither is known', () => {
    expect(pondGrade(null, null)).toBeNull();
    expect(pondGrade(undefined, undefined)).toBeNull();
  });

  it('raises one grade after review, but never above grade 1', () => {
    expect(pondGrade(1200, 45, { raisedAfterReview: true })).toMatchObject({ grade: 2, byStorage: 3, byHeight: 4 });
    expect(pondGrade(1200, 45, { raisedAfterReview: true })!.rule).toMatch(/；经论证提高一等：二等 \(.*; raised one grade after review: grade 2\)$/);
    expect(pondGrade(60_000, 150, { raisedAfterReview: true })).toMatchObject({ grade: 1 });
    expect(pondGrade(60_000, 150, { raisedAfterReview: true })!.rule).toMatch(/一等库不再提高/);
  });
});

describe('gradePond', () => {
  it('gives the current grade from today\'s figures and the design grade from the final ones', () => {
    const g = gradePond({ totalStorage: 860, damHeight: 45, designStorage: 1500, designDamHeight: 72 });
    expect([g.current?.grade, g.design?.grade, g.raised, g.noGrade]).toEqual([4, 3, null, null]);
    expect([g.current?.provisional, g.design?.provisional]).toEqual([false, false]);
  });

  it('raises both one grade after review, with the reason', () => {
    const g = gradePond({ totalStorage: 860, damHeight: 45, designStorage: 1500, designDamHeight: 72, gradeRaisedReason: ' 下游 1 km 内有村庄 ' });
    expect([g.current?.grade, g.design?.grade, g.raised]).toEqual([3, 2, { reason: '下游 1 km 内有村庄' }]);
  });

  it('gives an open pit without a dam no grade, and marks a grade from one figure as provisional', () => {
    expect(gradePond({ totalStorage: 860, damHeight: null, withoutDam: true })).toEqual({ current: null, design: null, raised: null, noGrade: NO_DAM_NO_GRADE });
    const g = gradePond({ totalStorage: 860, damHeight: null });
    expect([g.current?.grade, g.current?.provisional, g.design]).toEqual([4, true, null]);
  });
});

describe('the band table', () => {
  it('is the exported, sourced table and passes its own check', () => {
    expect(POND_GRADE_BANDS).toBe(POND_GRADE_TABLE.bands);
    expect(POND_GRADE_TABLE.source).toBe('GB 50863-2013 表3.3.1');
    expect(checkGradeBands(POND_GRADE_BANDS)).toEqual([]);
  });

  it('can be replaced by configuration', () => {
    const stricter: GradeBand[] = POND_GRADE_BANDS.map((b) => (b.grade === 3 ? { ...b, minHeight: 50 } : b));
    expect(pondGrade(null, 55)!.grade).toBe(4);
    expect(pondGrade(null, 55, { bands: stricter })!.grade).toBe(3);
  });

  it('names what is wrong with a bad table', () => {
    const shuffled = [...POND_GRADE_BANDS].reverse();
    expect(checkGradeBands(shuffled)).toContain('bands must be grades 1 to 5 in order');
    const flat = POND_GRADE_BANDS.map((b) => (b.grade === 2 ? { ...b, minStorage: 1_000 } : b));
    expect(checkGradeBands(flat)).toEqual(['storage edge of grade 3 must be below that of grade 2']);
    const floor = POND_GRADE_BANDS.map((b) => (b.grade === 5 ? { ...b, minHeight: 5 } : b));
    expect(checkGradeBands(floor)).toEqual(['grade 5 must start at 0']);
  });
});
