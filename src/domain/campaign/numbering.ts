/**
 * Key-problem numbers (重点问题清单，逐项编号): 晋-<city code>-<year>-<sequence>, e.g. 晋-1401-2022-017.
 * 晋 is Shanxi's abbreviation; the city code is the first four digits of the region's GB/T 2260 code
 * (1400 for the province's own list); the sequence counts per city and year from 1, at least three digits.
 */
export const PROVINCE_ABBREVIATION = '晋';

export function cityCodeOf(regionCode: string): string {
  return regionCode.slice(0, 4);
}

export function formatKeyProblemNumber(regionCode: string, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive integer, not ${seq}`);
  return `${PROVINCE_ABBREVIATION}-${cityCodeOf(regionCode)}-${year}-${String(seq).padStart(3, '0')}`;
}

const NUMBER_RE = /^晋-(\d{4})-(\d{4})-(\d{3,})$/;

export function parseKeyProblemNumber(s: string): { cityCode: string; year: number; seq: number } | null {
  const m = NUMBER_RE.exec(s);
  return m ? { cityCode: m[1]!, year: Number(m[2]), seq: Number(m[3]) } : null;
}
