/**
 * Deadlines are instants (epoch ms) in the store and days in China in the field: a date alone means
 * the end of that day in China Standard Time (UTC+8, no daylight saving), the way a rectification
 * order writes “限于2026年12月31日前整改完毕”.
 */
import { Invalid } from '../errors.ts';

const CST_OFFSET_MS = 8 * 3_600_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toInstant(v: number | string, path = 'deadline', endOfDay = true): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) throw new Invalid(`${path} must be epoch milliseconds`, [{ path, message: 'not a valid instant' }]);
    return Math.trunc(v);
  }
  const d = DATE_ONLY.exec(v);
  if (d) {
    const start = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) - CST_OFFSET_MS;
    if (Number.isNaN(start) || new Date(start + CST_OFFSET_MS).getUTCDate() !== Number(d[3])) throw new Invalid(`${path} is not a date`, [{ path, message: 'not a date' }]);
    return endOfDay ? start + 86_400_000 - 1 : start;
  }
  const t = Date.parse(v);
  if (Number.isNaN(t) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(v)) throw new Invalid(`${path} must be epoch ms, YYYY-MM-DD or ISO 8601 with its offset`, [{ path, message: 'not a valid instant' }]);
  return t;
}

/** The start of the calendar year in China that contains `t`. */
export function chinaYearStart(t: number): number {
  const y = new Date(t + CST_OFFSET_MS).getUTCFullYear();
  return Date.UTC(y, 0, 1) - CST_OFFSET_MS;
}

/** The date in China, YYYY-MM-DD, for display and documents. */
export function chinaDate(t: number): string {
  return new Date(t + CST_OFFSET_MS).toISOString().slice(0, 10);
}
