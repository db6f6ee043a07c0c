import { toHalfWidth } from './normalize.ts';

/** A number column's cell: 1, 1., 1、, １, 第1项, (1), ①. */
export function numberCell(cell: string): number | null {
  const s = toHalfWidth(cell).trim();
  const circled = /^[\u2460-\u2473]$/.test(s) ? s.charCodeAt(0) - 0x245f : null;
  if (circled !== null) return circled;
  // In the number column, (1) and （1） number tasks, not sub-items.
  const m = /^(?:第\s*)?(?:\(\s*([0-9]{1,4})\s*\)|([0-9]{1,4})\s*[、.。)\]项条]?)$/.exec(s);
  return m ? Number(m[1] ?? m[2]) : null;
}

/**
 * A number at the start of a task's text ("1、建立…", "１．建立…", "12 建立…"), never the start of a
 * date or a quantity (2020年底前, 30万吨, 1.5倍).
 */
export function leadingNumber(text: string): { number: number; rest: string } | null {
  const s = toHalfWidth(text);
  const m = /^\s*(?:第\s*([0-9]{1,4})\s*[项条][、.:：,，]?|([0-9]{1,3})(?:\s*[、.,:：)\]](?![0-9])|\s+(?![年月日个万千百米吨%])|$))\s*/.exec(s);
  if (!m) return null;
  return { number: Number(m[1] ?? m[2]), rest: text.slice(m[0].length) };
}

/** 一、总体要求 / （一）组织领导 / 第一部分: a heading that groups tasks, not a task. */
export function isSectionHeading(text: string): boolean {
  const s = toHalfWidth(text).trim();
  if (s.length > 80) return false;
  return /^(?:第[一二三四五六七八九十百]+[部分章节类篇]|[一二三四五六七八九十百]+\s*[、.]|\([一二三四五六七八九十]+\))/.test(s);
}

const SUB_MARK = /(^|[\n\s。；;：:])\s*(?:\(\s*([0-9]{1,2})\s*\)|([\u2460-\u2473]))/g;

/** Where sub-item markers (1) （1） ① stand in a text, keeping only an ascending run. */
export function subItemMarks(text: string): { number: number; index: number; end: number }[] {
  const s = toHalfWidth(text);
  const marks: { number: number; index: number; end: number }[] = [];
  for (const m of s.matchAll(SUB_MARK)) {
    const n = m[2] !== undefined ? Number(m[2]) : m[3]!.charCodeAt(0) - 0x245f;
    const last = marks.at(-1);
    if (n < 1 || n > 30 || (last && n <= last.number)) continue;
    marks.push({ number: n, index: m.index + m[1]!.length, end: m.index + m[0].length });
  }
  const startsWithMark = marks[0] !== undefined && s.slice(0, marks[0].index).trim() === '';
  return marks.length >= 2 || startsWithMark ? marks : [];
}

/** Whether a text opens with a sub-item marker: an unnumbered row holding "(1) …". */
export function startsWithSubItem(text: string): number | null {
  const m = /^\s*(?:\(\s*([0-9]{1,2})\s*\)|([\u2460-\u2473]))/.exec(toHalfWidth(text));
  if (!m) return null;
  return m[1] !== undefined ? Number(m[1]) : m[2]!.charCodeAt(0) - 0x245f;
}

/** A text split at its sub-item markers: the lead before them and each numbered part. */
export function splitSubItems(text: string): { lead: string; items: { number: number; text: string }[] } {
  const marks = subItemMarks(text);
  if (marks.length === 0) return { lead: text, items: [] };
  const items = marks.map((m, i) => ({ number: m.number, text: text.slice(m.end, marks[i + 1]?.index ?? text.length).trim() }));
  return { lead: text.slice(0, marks[0]!.index).trim(), items };
}
