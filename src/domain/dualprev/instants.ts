/**
 * Deadlines are instants (epoch ms) in the store and days in China in the field: a date alone means
 * the end of that day in China Standard Time, the way a rectification order writes
 * “限于2026年12月31日前整改完毕”. The China calendar itself is enforcement/dates.ts's.
 */
import { chinaDate, cycleOf, isDate, startOfChinaDate } from '../enforcement/dates.ts';
import { Invalid } from '../errors.ts';

export { chinaDate };

const DAY = 86_400_000;

export function toInstant(v: number | string, path = 'deadline', endOfDay = true): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) throw new Invalid(`${path} must be epoch milliseconds`, [{ path, message: 'not a valid instant' }]);
    return Math.trunc(v);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    if (!isDate(v)) throw new Invalid(`${path} is not a date`, [{ path, message: 'not a date' }]);
    const start = startOfChinaDate(v);
    return endOfDay ? start + DAY - 1 : start;
  }
  const t = Date.parse(v);
  if (Number.isNaN(t) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(v)) throw new Invalid(`${path} must be epoch ms, YYYY-MM-DD or ISO 8601 with its offset`, [{ path, message: 'not a valid instant' }]);
  return t;
}

/** The start of the calendar year in China that contains `t`. */
export function chinaYearStart(t: number): number {
  return startOfChinaDate(`${cycleOf(t)}-01-01`);
}
