/** Remnants of the document a list was copied out of: HTML, entities, markdown, table borders. */

export type MarkupKind = 'html_tag' | 'html_entity' | 'markdown_pipe' | 'markdown_emphasis' | 'table_border';

// Only real tag names: 《关于落实<国家矿山安全监察局…意见>的实施意见》 uses angle brackets as title marks.
const BLOCK_TAG = /<\/?(?:p|br|div|tr|li|ul|ol|table|tbody|thead|tfoot|h[1-6]|hr|section|article)\b[^<>]{0,200}?\/?>/gi;
const INLINE_TAG = /<\/?(?:td|th|span|b|i|u|s|strong|em|font|sup|sub|a|img|col|colgroup|o:p|small|big|mark|del|ins|center)\b[^<>]{0,200}?\/?>/gi;
const ENTITY = /&(?:nbsp|ensp|emsp|thinsp|amp|lt|gt|quot|apos|middot|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
const NAMED: Record<string, string> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  middot: '·',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};
const BOX = /[│┃║┆┊╎]/g;
const BORDER_CHARS = /^[\s+\-=_|:─━│┃┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬╭╮╯╰┏┓┗┛┣┫┳┻╋]+$/;

function decodeEntity(e: string): string {
  const body = e.slice(1, -1).toLowerCase();
  if (body.startsWith('#x')) return safeChar(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return safeChar(Number(body.slice(1)));
  return NAMED[body] ?? e;
}

function safeChar(code: number): string {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
  return code === 0xa0 ? ' ' : String.fromCodePoint(code);
}

/** A cell's text with markup removed, and what was removed. Block tags become line breaks. */
export function stripMarkup(s: string): { text: string; found: MarkupKind[] } {
  const found = new Set<MarkupKind>();
  let text = s;
  if (BLOCK_TAG.test(text) || INLINE_TAG.test(text)) {
    found.add('html_tag');
    text = text.replace(BLOCK_TAG, '\n').replace(INLINE_TAG, '');
  }
  BLOCK_TAG.lastIndex = 0;
  INLINE_TAG.lastIndex = 0;
  if (ENTITY.test(text)) {
    found.add('html_entity');
    text = text.replace(ENTITY, decodeEntity);
  }
  ENTITY.lastIndex = 0;
  if (/\*\*[^*\n]+\*\*/.test(text)) {
    found.add('markdown_emphasis');
    text = text.replace(/\*\*([^*\n]+)\*\*/g, '$1');
  }
  if (BOX.test(text)) {
    found.add('table_border');
    text = text.replace(BOX, ' ');
  }
  BOX.lastIndex = 0;
  const trimmed = text.trim();
  if (/^\|/.test(trimmed) || /\|$/.test(trimmed)) {
    found.add('markdown_pipe');
    text = trimmed.replace(/^\|+|\|+$/g, '');
  }
  return { text, found: [...found] };
}

/** A line drawn to frame a table (+----+, |---|---|, ─────), carrying no content. */
export function isBorderLine(line: string): boolean {
  const t = line.trim();
  return t.length >= 3 && BORDER_CHARS.test(t) && /[-=_─━═]{3,}|[┌┐└┘├┤┬┴┼╔╗╚╝]/.test(t);
}

/** A markdown or box-drawn table row: | a | b | or │ a │ b │. */
export function pipeCells(line: string): string[] | null {
  const t = line.trim();
  const sep = /[|│┃║]/;
  if (!sep.test(t.charAt(0)) && !sep.test(t.charAt(t.length - 1))) return null;
  const parts = t.split(/[|│┃║]/);
  if (parts.length < 3) return null;
  if (parts[0]!.trim() === '') parts.shift();
  if (parts.length && parts.at(-1)!.trim() === '') parts.pop();
  return parts.map((p) => p.trim());
}
