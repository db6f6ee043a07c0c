import { isDateOnly } from './dates.ts';
import { isBorderLine, pipeCells, type MarkupKind } from './markup.ts';
import type { SourceRow } from './types.ts';

export interface TextRows {
  rows: SourceRow[];
  /** Markup that left no cell behind to carry it (border lines, pipes used as separators). */
  markup: { kind: MarkupKind; line: number }[];
}

const LEADING_NUMBER = /^\s*[0-9０-９]{1,3}\s*(?:[、.．,，:：)）]|\s)/;

/**
 * One source row per line of plain text. Columns are read from tabs, from | pipes, or from runs of
 * two or more spaces; a line without them keeps one cell, from which a trailing date-only phrase
 * ("…机制。 2022年底前") is taken as its deadline cell.
 */
export function textToRows(text: string): TextRows {
  const rows: SourceRow[] = [];
  const markup: TextRows['markup'] = [];
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    if (isBorderLine(raw)) {
      markup.push({ kind: 'table_border', line });
      return;
    }
    if (raw.includes('\t')) {
      rows.push({ line, cells: raw.split('\t') });
      return;
    }
    const piped = pipeCells(raw);
    if (piped) {
      markup.push({ kind: /[│┃║]/.test(raw) ? 'table_border' : 'markdown_pipe', line });
      rows.push({ line, cells: piped });
      return;
    }
    rows.push({ line, cells: splitSpaced(raw) });
  });
  return { rows, markup };
}

function splitSpaced(raw: string): string[] {
  const parts = raw.trim().split(/ {2,}|\u3000+/).filter((p) => p !== '');
  if (parts.length >= 2 && parts.length <= 4 && (/^[0-9０-９]{1,3}[、.．]?$/.test(parts[0]!) || isDateOnly(parts.at(-1)!))) return parts;
  return peelDeadline(raw.trim());
}

/** "1、建立…机制。 2022 年" → ["1、建立…机制。", "2022 年"]; some text must be left beside its number. */
function peelDeadline(s: string): string[] {
  const tokens = s.split(/\s+/);
  for (const take of [2, 1]) {
    if (tokens.length <= take) continue;
    const tail = tokens.slice(-take).join(' ');
    const head = tokens.slice(0, -take).join(' ');
    if (isDateOnly(tail) && head.replace(LEADING_NUMBER, '').trim().length >= 2 && !LEADING_NUMBER.test(tail)) return [head, tail];
  }
  return [s];
}
