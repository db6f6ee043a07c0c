/**
 * Tailings pond grade (尾矿库等别) from total storage and dam height, GB 50863-2013 §3.2.1.
 * Each quantity gives a grade; when they differ by one the higher grade (smaller number) holds; when
 * they differ by more, the higher one lowered by one. The band edges are configuration with their source.
 */
export const POND_GRADE_SOURCE = 'GB 50863-2013 §3.2.1';

export interface GradeBand {
  grade: 1 | 2 | 3 | 4 | 5;
  /** Lower bound of total storage, 10⁴ m³ (inclusive). */
  minStorage: number;
  /** Lower bound of dam height, m (inclusive). */
  minHeight: number;
}

/** Band edges as commonly cited for GB 50863-2013 (to confirm against the primary text). */
export const POND_GRADE_BANDS: readonly GradeBand[] = [
  { grade: 1, minStorage: 50_000, minHeight: 200 },
  { grade: 2, minStorage: 10_000, minHeight: 100 },
  { grade: 3, minStorage: 1_000, minHeight: 60 },
  { grade: 4, minStorage: 100, minHeight: 30 },
  { grade: 5, minStorage: 0, minHeight: 0 },
];

const ZH = ['', '一等', '二等', '三等', '四等', '五等'];

export interface PondGrade {
  grade: number;
  byStorage: number | null;
  byHeight: number | null;
  rule: string;
  source: string;
}

function band(value: number, key: 'minStorage' | 'minHeight', bands: readonly GradeBand[]): number {
  return (bands.find((b) => value >= b[key]) ?? bands[bands.length - 1]!).grade;
}

export function pondGrade(totalStorage: number | null | undefined, damHeight: number | null | undefined, bands: readonly GradeBand[] = POND_GRADE_BANDS): PondGrade | null {
  const v = totalStorage ?? null;
  const h = damHeight ?? null;
  if (v === null && h === null) return null;
  const byStorage = v === null ? null : band(v, 'minStorage', bands);
  const byHeight = h === null ? null : band(h, 'minHeight', bands);
  const parts: string[] = [];
  if (v !== null) parts.push(`库容 ${v} 万m³ → ${ZH[byStorage!]}`);
  if (h !== null) parts.push(`坝高 ${h} m → ${ZH[byHeight!]}`);
  let grade: number;
  let how: string;
  if (byStorage === null || byHeight === null) {
    grade = (byStorage ?? byHeight)!;
    how = `仅有${byStorage === null ? '坝高' : '库容'}，按其定等：${ZH[grade]} (only ${byStorage === null ? 'dam height' : 'storage'} known)`;
  } else if (byStorage === byHeight) {
    grade = byStorage;
    how = `两者一致：${ZH[grade]} (both agree)`;
  } else {
    const higher = Math.min(byStorage, byHeight);
    const gap = Math.abs(byStorage - byHeight);
    grade = gap === 1 ? higher : higher + 1;
    how = gap === 1 ? `相差一等，取高者：${ZH[grade]} (one grade apart: the higher holds)` : `相差${gap}等，取高者降一等：${ZH[grade]} (more than one apart: the higher, lowered by one)`;
  }
  return { grade, byStorage, byHeight, rule: `${parts.join('；')}；${how}`, source: POND_GRADE_SOURCE };
}
