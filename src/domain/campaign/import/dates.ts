import { chineseNumber, toHalfWidth } from './normalize.ts';

/**
 * Dates written the way task lists write them: 2020年, 2022年6月底前, 年底前, 上半年, 第三季度,
 * 2022-06-30, "by end of 2022". A deadline is the last day of the period named; a start (自2020年起)
 * is its first day. Dates are calendar dates in China Standard Time, so no time zone arithmetic.
 */
export interface DateMention {
  kind: 'end' | 'start';
  /** YYYY-MM-DD; absent when the phrase names no year (6月底前) and none was given. */
  date?: string;
  text: string;
  index: number;
}

interface Period {
  year?: number;
  month?: number;
  day?: number;
  quarter?: number;
  half?: 1 | 2;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of a period, or null when it names no real date (2022年13月, 2月30日). */
export function endOf(p: Period & { year: number }): string | null {
  const { year } = p;
  if (year < 1900 || year > 2200) return null;
  let month = 12;
  if (p.month !== undefined) month = p.month;
  else if (p.quarter !== undefined) month = p.quarter * 3;
  else if (p.half !== undefined) month = p.half * 6;
  if (month < 1 || month > 12) return null;
  const last = lastDayOfMonth(year, month);
  if (p.day !== undefined && (p.day < 1 || p.day > last)) return null;
  return `${year}-${pad(month)}-${pad(p.day ?? last)}`;
}

function startOf(p: Period & { year: number }): string | null {
  if (p.year < 1900 || p.year > 2200) return null;
  const month = p.month ?? (p.quarter !== undefined ? p.quarter * 3 - 2 : p.half === 2 ? 7 : 1);
  if (month < 1 || month > 12) return null;
  return `${p.year}-${pad(month)}-${pad(p.day ?? 1)}`;
}

const MONTH_CN = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';
// prefix · year · (half | quarter | month[day] | year-word) · part-of-month · suffix
const CN_DATE = new RegExp(
  '(每年|每季度|每月|自|从|到|至|截至|截止|于|在)?' +
    '(?:(\\d{4})\\s*年度?)?' +
    `(?:(上半年|下半年)|第?([一二三四1-4])季度|${MONTH_CN}\\s*月份?(?:(\\d{1,2})\\s*[日号])?|(年底|年末|年内|年中))?` +
    '(底|末|中旬|上旬|下旬)?' +
    '(之前|以前|前|起|开始|以来|以后|内|完成|止)?',
  'g',
);
const ISO_DATE = /(自|从|到|至|截至|截止|于)?(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?!\d)(之前|以前|前|起|开始|以来|以后|内|完成|止)?/g;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const EN_DATE = new RegExp(
  `\\b(by|before|until|no later than|from|since|starting(?: in| from)?)?\\s*(?:the\\s+)?(end\\s+of\\s+|first half of\\s+|second half of\\s+)?(?:(\\d{1,2})\\s+)?(?:(${MONTHS.join('|')})[a-z]*\\.?\\s+)?(?:(\\d{1,2}),?\\s+)?(?<![-/.\\d])(\\d{4})\\b(?!\\s*[年月日号])(?![-/.]\\d)`,
  'gi',
);

type Kind = 'end' | 'start' | 'mention' | 'recurring';

function classify(prefix: string | undefined, suffix: string | undefined, part: string | undefined): Kind {
  if (prefix && /^每/.test(prefix)) return 'recurring';
  if (prefix === '自' || prefix === '从' || (suffix && /^(起|开始|以来|以后)$/.test(suffix))) return 'start';
  if (suffix || (part && /^(底|末)$/.test(part))) return 'end';
  if (prefix && /^(到|至|截至|截止)$/.test(prefix)) return 'end';
  return 'mention';
}

interface Raw {
  kind: Kind;
  period: Period;
  text: string;
  index: number;
  /** Names a year itself, or only a part of one (6月底前, 年底前). */
  yearless: boolean;
}

function chineseMatches(s: string): Raw[] {
  const out: Raw[] = [];
  for (const m of s.matchAll(CN_DATE)) {
    const [text, prefix, year, half, quarter, month, day, yearWord, part, suffix] = m;
    if (!year && !half && !quarter && !month && !yearWord) continue;
    // "三年内", "近两年底": a count of years, not a date.
    if (!year && (yearWord || half) && /[\d一二三四五六七八九十两半几多今明去本当]$/.test(s.slice(0, m.index))) continue;
    // 30万吨/年 and the like never reach here (no four-digit year); a bare month needs a marker.
    const period: Period = {};
    if (year) period.year = Number(year);
    if (half) period.half = half === '上半年' ? 1 : 2;
    if (quarter) period.quarter = chineseNumber(quarter) ?? Number(quarter);
    if (month) period.month = chineseNumber(month) ?? undefined;
    if (day) period.day = Number(day);
    if (yearWord === '年中') period.half = 1;
    if (month && period.month === undefined) continue;
    out.push({ kind: classify(prefix, suffix, part ?? (yearWord === '年底' || yearWord === '年末' ? '底' : undefined)), period, text, index: m.index, yearless: !year });
  }
  for (const m of s.matchAll(ISO_DATE)) {
    const [text, prefix, year, month, day, suffix] = m;
    const period: Period = { year: Number(year), month: Number(month), ...(day ? { day: Number(day) } : {}) };
    out.push({ kind: classify(prefix, suffix, undefined), period, text, index: m.index, yearless: false });
  }
  return out;
}

function englishMatches(s: string): Raw[] {
  const out: Raw[] = [];
  for (const m of s.matchAll(EN_DATE)) {
    const [text, prefix, span, dayBefore, monthName, dayAfter, year] = m;
    const p = prefix?.toLowerCase();
    const kind: Kind = !p ? 'mention' : /^(from|since|starting)/.test(p) ? 'start' : 'end';
    const period: Period = { year: Number(year) };
    if (monthName) period.month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
    const day = dayBefore ?? dayAfter;
    if (day && monthName) period.day = Number(day);
    if (span && /first half/i.test(span)) period.half = 1;
    out.push({ kind, period, text: text.trim(), index: m.index + (text.length - text.trimStart().length), yearless: false });
  }
  return out;
}

function toMention(r: Raw, contextYear: number | undefined): DateMention | null {
  if (r.kind !== 'end' && r.kind !== 'start') return null;
  const year = r.period.year ?? contextYear;
  const base = { kind: r.kind, text: r.text.trim(), index: r.index };
  if (year === undefined) return base;
  const date = r.kind === 'end' ? endOf({ ...r.period, year }) : startOf({ ...r.period, year });
  return date ? { ...base, date } : null;
}

/**
 * Deadlines and starts named inside a task's text. A date counts only with a marker that makes it one
 * (前, 底, 内, 完成, 到…, by …; 自…起, from …): "根据2019年修订的标准" is a mention, not a deadline.
 */
export function findDates(text: string, contextYear?: number): DateMention[] {
  const s = toHalfWidth(text);
  const raws = [...chineseMatches(s), ...englishMatches(s)].sort((a, b) => a.index - b.index);
  return raws.map((r) => toMention(r, contextYear)).filter((m): m is DateMention => m !== null);
}

export type CellDeadline =
  | { kind: 'date'; date: string; text: string; yearless: boolean }
  | { kind: 'needs_year'; text: string }
  | { kind: 'open'; text: string }
  | { kind: 'unknown'; text: string }
  | { kind: 'empty' };

const OPEN_ENDED = /长期|持续|常态|长效|每年|每季度|每月|定期|逐年|立即|随时|ongoing|continuous|permanent|regular/i;

/** A deadline column's cell: every date in it counts (2020年, 2022.6); the latest end wins. */
export function parseDeadlineCell(raw: string, contextYear?: number): CellDeadline {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  const s = toHalfWidth(text);
  const raws = [...chineseMatches(s), ...englishMatches(s)].filter((r) => r.kind !== 'start' && r.kind !== 'recurring');
  let best: { date: string; yearless: boolean } | null = null;
  let yearMissing = false;
  for (const r of raws) {
    const year = r.period.year ?? contextYear;
    if (year === undefined) {
      yearMissing = true;
      continue;
    }
    const date = endOf({ ...r.period, year });
    if (date && (!best || date > best.date)) best = { date, yearless: r.yearless };
  }
  if (best) return { kind: 'date', date: best.date, text, yearless: best.yearless };
  if (yearMissing) return { kind: 'needs_year', text };
  if (OPEN_ENDED.test(s)) return { kind: 'open', text };
  return { kind: 'unknown', text };
}

/** Whether a cell says nothing but a date (2020 年, 2022年6月底前, 2022-06-30): safe to read as a deadline column. */
export function isDateOnly(raw: string): boolean {
  const s = toHalfWidth(raw).replace(/\s+/g, '');
  if (s === '' || s.length > 24) return false;
  if (!/^[0-9年月日号底末前内中旬上下半季度第一二三四五六七八九十之以完成止到至截.\-/]+$/.test(s)) return false;
  return parseDeadlineCell(s).kind !== 'unknown';
}
