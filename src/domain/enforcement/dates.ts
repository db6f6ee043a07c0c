/**
 * Calendar dates as supervisors write them: 'YYYY-MM-DD' on China Standard Time (UTC+8, no daylight
 * saving). Licence expiry, scoring cycles and plan due dates are all counted on this calendar, so a
 * score at 2023-12-31T23:30+08:00 belongs to 2023 even though it is already 2024 nowhere else but UTC+14.
 */
const CST_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China calendar date of an instant. */
export function chinaDate(at: number): string {
  return new Date(at + CST_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar date begins. */
export function startOfChinaDate(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Adds calendar months, clamping to the month's last day (2027-05-31 − 3 months = 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12;
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), last);
  return `${String(y).padStart(4, '0')}-${String(mo + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(startOfChinaDate(date) + CST_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The scoring cycle (a calendar year in China time) an instant falls in. */
export function cycleOf(at: number): number {
  return new Date(at + CST_MS).getUTCFullYear();
}

/** The first and last day of a year's quarter (1–4). */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 3), -1) };
}

/**
 * A date or an instant as the API takes it: 'YYYY-MM-DD' stays a date; an ISO date-time or epoch
 * milliseconds becomes the China calendar date it falls on. Undefined when it is neither.
 */
export function toChinaDate(v: string | number): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? chinaDate(v) : undefined;
  if (DATE_RE.test(v)) return isDate(v) ? v : undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : chinaDate(t);
}
