import { describe, expect, it } from 'vitest';
import { pondGrade } from './pond-grade.ts';

describe('tailings pond grade', () => {
  it('grades each quantity at the band edges', () => {
    const g = (v: number | null, h: number | null) => pondGrade(v, h)?.grade;
    expect(g(50_000, null)).toBe(1);
    expect(g(49_999, null)).toBe(2);
    expect(g(10_000, null)).toBe(2);
    expect(g(9_999.9, null)).toBe(3);
    expect(g(1_000, null)).toBe(3);
    expect(g(999, null)).toBe(4);
    expect(g(100, null)).toBe(4);
    expect(g(99.9, null)).toBe(5);
    expect(g(null, 200)).toBe(1);
    expect(g(null, 199.9)).toBe(2);
    expect(g(null, 100)).toBe(2);
    expect(g(null, 60)).toBe(3);
    expect(g(null, 59)).toBe(4);
    expect(g(null, 30)).toBe(4);
    expect(g(null, 29.9)).toBe(5);
    expect(pondGrade(null, null)).toBeNull();
  });

  it('combines the two readings as the standard says', () => {
    expect(pondGrade(1200, 45)).toMatchObject({ grade: 3, byStorage: 3, byHeight: 4 });
    expect(pondGrade(1200, 70)).toMatchObject({ grade: 3, byStorage: 3, byHeight: 3 });
    expect(pondGrade(60_000, 45)).toMatchObject({ grade: 2, byStorage: 1, byHeight: 4 });
    expect(pondGrade(50, 210)).toMatchObject({ grade: 2, byStorage: 5, byHeight: 1 });
    expect(pondGrade(12_000, 25)).toMatchObject({ grade: 3, byStorage: 2, byHeight: 5 });
    expect(pondGrade(1200, 45)!.rule).toBe('库容 1200 万m³ → 三等；坝高 45 m → 四等；相差一等，取高者：三等 (one grade apart: the higher holds)');
    expect(pondGrade(1200, 45)!.source).toBe('GB 50863-2013 §3.2.1');
  });
});
