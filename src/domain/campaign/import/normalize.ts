/** Character-level clean-up shared by every stage. Lengths are kept where a caller maps indexes back. */

/** Full-width ASCII (０-９, （）, ．) to half-width, one code unit for one, so indexes stay aligned. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const CJK = '\\u3400-\\u9FFF\\uF900-\\uFAFF\\u3000-\\u303F\\uFF00-\\uFFEF';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}0-9])|(?<=[${CJK}0-9])[ \\t]+(?=[${CJK}])`, 'g');

/**
 * Whitespace as a reader means it: no-break and ideographic spaces become spaces, zero-width
 * characters go, runs collapse, and a space between two Chinese characters (an extraction artefact:
 * "安全管 理", "2020 年") is removed.
 */
export function cleanSpaces(s: string): string {
  return s
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u3000\u2002\u2003\u2009]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(SPACE_BETWEEN_CJK, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n')
    .trim();
}

/** Text reduced to what decides similarity: no spaces, no punctuation, half-width. */
export function comparable(s: string): string {
  return toHalfWidth(s)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Chinese numerals up to 99 (一 … 九十九), as used in months and headings. */
export function chineseNumber(s: string): number | null {
  const digits: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? digits[tens]! : null;
  return (tens ? digits[tens]! : 1) * 10 + (ones ? digits[ones]! : 0);
}

/** A short excerpt of a text for messages. */
export function excerpt(s: string, n = 24): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}
