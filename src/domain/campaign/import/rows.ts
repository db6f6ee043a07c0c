import { headerMap, type ColumnMap } from './columns.ts';
import { isDateOnly } from './dates.ts';
import { stripMarkup, type MarkupKind } from './markup.ts';
import type { ShiftKind } from './messages.ts';
import { cleanSpaces } from './normalize.ts';
import { isSectionHeading, leadingNumber, numberCell, startsWithSubItem } from './numbering.ts';
import type { SourceRow } from './types.ts';

/** What one source row turned out to be. */
export type Entry =
  | { kind: 'task'; line: number; number: number; text: string; deadline: Cell; responsible?: string; extra?: Record<string, string> }
  | { kind: 'orphan'; line: number; subNumber: number; text: string; deadline: Cell; /** Stood in a table whose number column was empty. */ tabular: boolean }
  | { kind: 'continuation'; line: number; text: string; /** Under a merged number cell: part of the same task by design. */ quiet?: boolean }
  | { kind: 'section'; line: number; text: string; deadline?: Cell }
  | { kind: 'stray_deadline'; line: number; deadline: Cell }
  | { kind: 'header'; line: number }
  | { kind: 'empty'; line: number };

export interface Cell {
  text: string;
  /** A copy of a merged cell's value (XLSX). */
  merged: boolean;
}

/** A repair made to a row's columns, reported as shifted_column. */
export interface Shift {
  line: number;
  what: ShiftKind;
}

export interface ReadRow {
  entry: Entry;
  shifts: Shift[];
  markup: MarkupKind[];
}


/** A row's cells by role, as they are being put right. */
interface Fields {
  line: number;
  number: number | null;
  text: string;
  deadline: Cell;
  responsible: string;
  extra: Record<string, string>;
  /** Under a number cell merged over several rows (XLSX): the same task goes on. */
  underMergedNumber: boolean;
}

/** Reads one row against the column map, moving text that slid into the wrong column back. */
export function readRow(row: SourceRow, table: ColumnMap): ReadRow {
  // A line with no column separator at all is free text: its number, if any, opens it.
  const map: ColumnMap = row.cells.length === 1 ? { task: 0, extra: [] } : table;
  const markup = new Set<MarkupKind>();
  let cells = row.cells.map((c) => {
    const r = stripMarkup(c);
    r.found.forEach((k) => markup.add(k));
    return cleanSpaces(r.text);
  });
  let merged = row.merged ?? [];
  const shifts: Shift[] = [];
  const shift = (what: ShiftKind) => shifts.push({ line: row.line, what });
  const done = (entry: Entry): ReadRow => ({ entry, shifts, markup: [...markup] });

  if (cells.every((c) => c === '')) return done({ kind: 'empty', line: row.line });
  if (headerMap({ line: row.line, cells })) return done({ kind: 'header', line: row.line });

  // An extra empty cell at the start pushed everything one column right: "\t1\t任务\t2022年".
  if (map.number !== undefined && (cells[map.number] ?? '') === '' && numberCell(cells[map.number + 1] ?? '') !== null && (cells[map.number + 2] ?? '') !== '') {
    cells = [...cells.slice(0, map.number), ...cells.slice(map.number + 1)];
    merged = [...merged.slice(0, map.number), ...merged.slice(map.number + 1)];
    shift('row_right');
  }
  const get = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
  const extra: Record<string, string> = {};
  for (const e of map.extra) if (get(e.index) !== '') extra[e.name || `column ${e.index + 1}`] = get(e.index);
  const numberText = get(map.number);
  const underMergedNumber = map.number !== undefined && merged[map.number] === true && numberCell(numberText) !== null;
  const fields: Fields = {
    line: row.line,
    number: null,
    text: get(map.task),
    deadline: { text: get(map.deadline), merged: map.deadline !== undefined && merged[map.deadline] === true },
    responsible: get(map.responsible),
    extra,
    underMergedNumber,
  };
  if (!underMergedNumber && numberText !== '') {
    fields.number = numberCell(numberText);
    if (fields.number === null) {
      if (isSectionHeading(numberText)) {
        const text = [numberText, fields.text].filter(Boolean).join(' ');
        return done({ kind: 'section', line: row.line, text, ...(fields.deadline.text ? { deadline: fields.deadline } : {}) });
      }
      textInNumberColumn(fields, numberText, shift);
    }
  }
  putTextBack(fields, map, shift);
  return done(classify(fields, map));
}

/** The number column holds words: the task text itself (then reported) or a label before the text. */
function textInNumberColumn(f: Fields, numberText: string, shift: (what: ShiftKind) => void) {
  if (f.text === '' || isDateOnly(f.text)) {
    if (f.text !== '' && f.deadline.text === '') f.deadline = { text: f.text, merged: false };
    f.text = numberText;
    shift('text_in_number');
  } else {
    f.text = `${numberText}\n${f.text}`;
  }
}

/** Task text found in the deadline or 责任单位 column, swapped with the deadline, or a number inside the text. */
function putTextBack(f: Fields, map: ColumnMap, shift: (what: ShiftKind) => void) {
  if (f.text === '') {
    const moved = takeMisplacedText(f.deadline, f.responsible, map);
    if (moved) {
      f.text = moved.text;
      if (moved.from === 'deadline') f.deadline = { text: '', merged: false };
      else f.responsible = '';
      shift(`text_in_${moved.from}`);
    }
  } else if (isDateOnly(f.text) && f.deadline.text !== '' && !isDateOnly(f.deadline.text)) {
    [f.text, f.deadline] = [f.deadline.text, { text: f.text, merged: false }];
    shift('task_deadline_swapped');
  }
  if (f.number !== null || f.underMergedNumber) return;
  const lead = leadingNumber(f.text);
  if (lead && lead.rest.trim() !== '') {
    f.number = lead.number;
    f.text = lead.rest.trim();
    if (map.number !== undefined) shift('number_in_text');
  }
}

function classify(f: Fields, map: ColumnMap): Entry {
  const { line, text, deadline, responsible, extra } = f;
  if (f.number !== null) {
    return { kind: 'task', line, number: f.number, text, deadline, ...(responsible ? { responsible } : {}), ...(Object.keys(extra).length ? { extra } : {}) };
  }
  if (text === '') {
    if (deadline.text !== '') return { kind: 'stray_deadline', line, deadline };
    const rest = [responsible, ...Object.values(extra)].filter(Boolean).join(' ');
    return rest ? { kind: 'continuation', line, text: rest } : { kind: 'empty', line };
  }
  const sub = startsWithSubItem(text);
  if (sub !== null) return { kind: 'orphan', line, subNumber: sub, text, deadline, tabular: map.number !== undefined && !f.underMergedNumber };
  if (isSectionHeading(text)) return { kind: 'section', line, text, ...(deadline.text ? { deadline } : {}) };
  return { kind: 'continuation', line, text, ...(f.underMergedNumber ? { quiet: true } : {}) };
}

/** Task text found in another column: the deadline column holding a sentence, or a long 责任单位. */
function takeMisplacedText(deadline: Cell, responsible: string, map: ColumnMap): { text: string; from: 'deadline' | 'responsible' } | null {
  if (deadline.text !== '' && !isDateOnly(deadline.text) && looksLikeTaskText(deadline.text)) return { text: deadline.text, from: 'deadline' };
  if (map.responsible !== undefined && responsible.length > 20) return { text: responsible, from: 'responsible' };
  return null;
}

/** A sentence rather than a deadline: long, or punctuated, or opening with a sub-item marker. */
function looksLikeTaskText(s: string): boolean {
  return s.length > 12 || /[，。；,;]/.test(s) || startsWithSubItem(s) !== null;
}
