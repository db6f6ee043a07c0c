import { Invalid } from '../errors.ts';

/**
 * Tailings pond grade (尾矿库等别) from total storage (全库容, 10⁴ m³) and dam height (坝高, m),
 * GB 50863-2013 §3.3.1 (restated in GB 51108-2015 §3.2.1 and GB 39496-2020 §4.5): each quantity gives
 * a grade; one grade apart, the higher grade (smaller number) holds; further apart, the higher one
 * lowered by one. Except for grade 1, a pond whose failure would severely harm important towns,
 * works, trunk railways or motorways downstream may be raised one grade after review.
 * (Old open pits storing tailings without a dam need no grade; that is for the caller to decide.)
 */
export const POND_GRADE_SOURCE = 'GB 50863-2013 §3.3.1';

export type PondGradeNumber = 1 | 2 | 3 | 4 | 5;

export interface GradeBand {
  grade: PondGradeNumber;
  /** Lower bound of total storage, 10⁴ m³ (inclusive). */
  minStorage: number;
  /** Lower bound of dam height, m (inclusive). */
  minHeight: number;
}

export interface GradeTable {
  source: string;
  /** How far the band edges are confirmed against the standard's text. */
  confirmed: string;
  bands: readonly GradeBand[];
}

/**
 * Band edges of GB 50863-2013 Table 3.3.1. The clause text (combination rule, raising one grade) is
 * confirmed from the published clause and its commentary. Grades 3–5 (1000/100 ×10⁴ m³; 60/30 m) are
 * confirmed from the text of AQ 2006-2005's table, which GB 39496-2020 says it changed only for grades
 * 1 and 2. The grade 1–2 edges (50 000 ×10⁴ m³, 200 m) are the values commonly cited for GB 50863-2013,
 * whose commentary says it added a grade-1 standard; the table itself is an image not yet read.
 */
export const POND_GRADE_TABLE: GradeTable = {
  source: 'GB 50863-2013 表3.3.1',
  confirmed: 'grades 3–5 confirmed (AQ 2006-2005 table, unchanged by GB 39496-2020); grades 1–2 as commonly cited, to confirm',
  bands: [
    { grade: 1, minStorage: 50_000, minHeight: 200 },
    { grade: 2, minStorage: 10_000, minHeight: 100 },
    { grade: 3, minStorage: 1_000, minHeight: 60 },
    { grade: 4, minStorage: 100, minHeight: 30 },
    { grade: 5, minStorage: 0, minHeight: 0 },
  ],
};

export const POND_GRADE_BANDS: readonly GradeBand[] = POND_GRADE_TABLE.bands;

/** Problems with a band table that would make the grading wrong; empty when the table is usable. */
export function checkGradeBands(bands: readonly GradeBand[]): string[] {
  const problems: string[] = [];
  if (bands.map((b) => b.grade).join() !== '1,2,3,4,5') problems.push('bands must be grades 1 to 5 in order');
  for (let i = 1; i < bands.length; i++) {
    const [hi, lo] = [bands[i - 1]!, bands[i]!];
    if (!(lo.minStorage < hi.minStorage)) problems.push(`storage edge of grade ${lo.grade} must be below that of grade ${hi.grade}`);
    if (!(lo.minHeight < hi.minHeight)) problems.push(`height edge of grade ${lo.grade} must be below that of grade ${hi.grade}`);
  }
  const last = bands[bands.length - 1];
  if (last && (last.minStorage !== 0 || last.minHeight !== 0)) problems.push('grade 5 must start at 0');
  return problems;
}

const ZH = ['', '一等', '二等', '三等', '四等', '五等'] as const;
const zh = (g: number) => ZH[g]!;

export interface PondGrade {
  grade: PondGradeNumber;
  byStorage: PondGradeNumber | null;
  byHeight: PondGradeNumber | null;
  /** How the grade was derived, in Chinese then English. */
  rule: string;
  source: string;
  /** One of the two figures is unknown: the grade stands until the other is known (暂定). */
  provisional: boolean;
}

export interface PondGradeOptions {
  bands?: readonly GradeBand[];
  /** The pond was raised one grade after review (经论证提高一等); never above grade 1. */
  raisedAfterReview?: boolean;
}

function measure(value: number | null | undefined, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0) throw new Invalid(`${what} must be a number ≥ 0, got ${value}`);
  return value;
}

function band(value: number, key: 'minStorage' | 'minHeight', bands: readonly GradeBand[]): PondGradeNumber {
  return (bands.find((b) => value >= b[key]) ?? bands[bands.length - 1]!).grade;
}

export function gradeByStorage(totalStorage: number, bands: readonly GradeBand[] = POND_GRADE_BANDS): PondGradeNumber {
  return band(measure(totalStorage, 'total storage')!, 'minStorage', bands);
}

export function gradeByHeight(damHeight: number, bands: readonly GradeBand[] = POND_GRADE_BANDS): PondGradeNumber {
  return band(measure(damHeight, 'dam height')!, 'minHeight', bands);
}

/** Combines the two readings: equal → that grade; one apart → the higher; further → the higher lowered by one. */
export function combineGrades(a: PondGradeNumber, b: PondGradeNumber): PondGradeNumber {
  const higher = Math.min(a, b);
  return (Math.abs(a - b) <= 1 ? higher : higher + 1) as PondGradeNumber;
}

/** The grade and its derivation; null when neither storage nor height is known. */
export function pondGrade(
  totalStorage: number | null | undefined,
  damHeight: number | null | undefined,
  options: PondGradeOptions = {},
): PondGrade | null {
  const bands = options.bands ?? POND_GRADE_BANDS;
  const v = measure(totalStorage, 'total storage');
  const h = measure(damHeight, 'dam height');
  if (v === null && h === null) return null;
  const byStorage = v === null ? null : band(v, 'minStorage', bands);
  const byHeight = h === null ? null : band(h, 'minHeight', bands);

  const zhParts: string[] = [];
  const enParts: string[] = [];
  if (v !== null) {
    zhParts.push(`库容 ${v} 万m³ → ${zh(byStorage!)}`);
    enParts.push(`storage ${v} ×10⁴ m³ → grade ${byStorage}`);
  }
  if (h !== null) {
    zhParts.push(`坝高 ${h} m → ${zh(byHeight!)}`);
    enParts.push(`dam height ${h} m → grade ${byHeight}`);
  }

  let grade: PondGradeNumber;
  if (byStorage === null || byHeight === null) {
    grade = (byStorage ?? byHeight)!;
    const only = byStorage === null ? ['坝高', 'dam height'] : ['库容', 'storage'];
    zhParts.push(`仅知${only[0]}，按其定等：${zh(grade)}`);
    enParts.push(`only ${only[1]} known, graded by it: grade ${grade}`);
  } else {
    grade = combineGrades(byStorage, byHeight);
    const gap = Math.abs(byStorage - byHeight);
    if (gap === 0) {
      zhParts.push(`两者一致：${zh(grade)}`);
      enParts.push(`both agree: grade ${grade}`);
    } else if (gap === 1) {
      zhParts.push(`相差一等，取高者：${zh(grade)}`);
      enParts.push(`one grade apart, the higher holds: grade ${grade}`);
    } else {
      zhParts.push(`相差${'零一二三四'[gap]}等，取高者降一等：${zh(grade)}`);
      enParts.push(`${gap} grades apart, the higher lowered by one: grade ${grade}`);
    }
  }

  if (options.raisedAfterReview) {
    if (grade > 1) {
      grade = (grade - 1) as PondGradeNumber;
      zhParts.push(`经论证提高一等：${zh(grade)}`);
      enParts.push(`raised one grade after review: grade ${grade}`);
    } else {
      zhParts.push('一等库不再提高');
      enParts.push('grade 1 cannot be raised');
    }
  }
  return { grade, byStorage, byHeight, rule: `${zhParts.join('；')} (${enParts.join('; ')})`, source: POND_GRADE_SOURCE, provisional: byStorage === null || byHeight === null };
}

/** What the registry knows of a pond that bears on its grade. */
export interface PondFigures {
  /** Current total storage (10⁴ m³) and dam height (m). */
  totalStorage: number | null;
  damHeight: number | null;
  /** The design's final total storage and dam height. */
  designStorage?: number | null;
  designDamHeight?: number | null;
  /** An old open pit storing tailings without a dam (无坝露天采坑). */
  withoutDam?: boolean | null;
  /** Why the pond was raised one grade after review (经论证提高一等); null when it was not. */
  gradeRaisedReason?: string | null;
}

export interface PondGrading {
  /** From the current storage and dam height: the grade the pond is supervised by. */
  current: PondGrade | null;
  /** From the design's final figures. */
  design: PondGrade | null;
  raised: { reason: string } | null;
  /** Why the pond has no grade at all, when it has none by rule. */
  noGrade: string | null;
}

export const NO_DAM_NO_GRADE = '无坝露天采坑堆存尾矿，不定等 (an open pit storing tailings without a dam carries no grade)';

/**
 * The pond's current and design grades (GB 50863-2013 §3.3.1, GB 51108-2015 §3.2.1): the current one
 * from today's storage and dam height, the design one from the final figures, both raised one grade
 * when a review so decided (with its reason); an open pit without a dam has none.
 */
export function gradePond(p: PondFigures, bands?: readonly GradeBand[]): PondGrading {
  if (p.withoutDam) return { current: null, design: null, raised: null, noGrade: NO_DAM_NO_GRADE };
  const reason = p.gradeRaisedReason?.trim() || null;
  const options = { bands, raisedAfterReview: reason !== null };
  return {
    current: pondGrade(p.totalStorage, p.damHeight, options),
    design: pondGrade(p.designStorage, p.designDamHeight, options),
    raised: reason ? { reason } : null,
    noGrade: null,
  };
}
