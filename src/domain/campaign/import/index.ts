import { assemble, type Draft } from './assemble.ts';
import { checkNumbers, checkSubItems } from './checks.ts';
import { guessMap, headerMap, type ColumnMap } from './columns.ts';
import { settleDeadlines } from './deadlines.ts';
import type { MarkupKind } from './markup.ts';
import * as say from './messages.ts';
import type { ShiftKind } from './messages.ts';
import { chineseNumber } from './normalize.ts';
import { readRow, type Entry, type ReadRow } from './rows.ts';
import { nearDuplicates } from './similarity.ts';
import { textToRows } from './text-rows.ts';
import type { ImportResult, Problem, SourceRow } from './types.ts';

export type * from './types.ts';

/** Plain text (a copy out of a letter, a PDF or a web page) → the task list. Never throws. */
export function readTaskText(text: string): ImportResult {
  const { rows, markup } = textToRows(text);
  return readTaskList(rows, { markup });
}

/**
 * Source rows (text lines, CSV records, worksheet rows) → tasks and every defect found in them.
 * Nothing is dropped without a problem saying so; nothing is saved.
 */
export function readTaskList(rows: SourceRow[], opts: { markup?: { kind: MarkupKind; line: number }[]; problems?: Problem[] } = {}): ImportResult {
  const problems: Problem[] = [...(opts.problems ?? [])];
  const headerAt = rows.findIndex((r) => headerMap(r) !== null);
  const map: ColumnMap = headerAt >= 0 ? headerMap(rows[headerAt]!)! : guessMap(rows);
  const read = rows.map((r) => readRow(r, map));
  const start = headerAt >= 0 ? headerAt + 1 : tableStart(read);
  const before = rows.slice(0, headerAt >= 0 ? headerAt : start).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (before.length) {
    const first = before[0]!;
    const last = before.at(-1)!;
    const where = headerAt >= 0 ? { header: rows[headerAt]!.line } : { item1: rows[start]?.line };
    problems.push({
      kind: 'ignored_text',
      line: first.line,
      ...say.textBeforeTable(first.line, last.line, before.length, where, first.cells.join(' ')),
    });
  }
  if (headerAt >= 0 && map.extra.length) {
    problems.push({ kind: 'unknown_column', line: rows[headerAt]!.line, ...say.unknownColumns(map.extra.map((e) => e.name)) });
  }
  const body = read.slice(start);
  const entries = body.map((r) => r.entry);
  const numbered = headingsAsTasks(entries);
  if (numbered) problems.push(numbered.problem);
  const { drafts, problems: assembly } = assemble(numbered?.entries ?? entries);
  const carry = !rows.some((r) => map.deadline !== undefined && r.merged?.[map.deadline] === true);
  const { tasks, problems: deadlines } = settleDeadlines(drafts, carry);
  problems.push(...assembly, ...deadlines, ...checkNumbers(tasks), ...checkSubItems(tasks), ...nearDuplicates(tasks));
  const numberAt = lineNumbers(drafts);
  problems.push(...shiftProblems(body, numberAt), ...markupProblems(body, opts.markup ?? [], rows[headerAt >= 0 ? headerAt : start]?.line ?? Infinity, numberAt));
  if (tasks.length === 0) problems.push({ kind: 'no_tasks', ...say.noTasks() });
  return { tasks, problems: sortProblems(problems) };
}

/** A list numbered only 一、二、三、: with no arabic-numbered task anywhere, its headings are its tasks. */
function headingsAsTasks(entries: Entry[]): { entries: Entry[]; problem: Problem } | null {
  if (entries.some((e) => e.kind === 'task')) return null;
  const converted = entries.map((e) => (e.kind === 'section' ? (headingTask(e) ?? e) : e));
  const numbers = converted.filter((e) => e.kind === 'task').map((e) => (e as { number: number }).number);
  if (numbers.length < 2) return null;
  const first = converted.find((e) => e.kind === 'task')!;
  return {
    entries: converted,
    problem: { kind: 'chinese_numbering', numbers, line: first.line, ...say.chineseNumbering(numbers) },
  };
}

function headingTask(e: Extract<Entry, { kind: 'section' }>): Entry | null {
  const m = /^\s*(?:第\s*)?[（(]?([一二三四五六七八九十百两]+)[)）]?\s*[、.．]?\s*([\s\S]*)$/.exec(e.text);
  const number = m ? chineseNumber(m[1]!) : null;
  if (number === null || !m![2]!.trim()) return null;
  return { kind: 'task', line: e.line, number, text: m![2]!.trim(), deadline: e.deadline ?? { text: '', merged: false } };
}

/** Without a header, the table starts at the item 1 followed by the longest ascending run. */
function tableStart(read: ReadRow[]): number {
  let best = -1;
  let bestRun = -1;
  read.forEach((r, i) => {
    if (r.entry.kind !== 'task' || r.entry.number !== 1) return;
    let run = 0;
    let last = 1;
    for (const next of read.slice(i + 1)) {
      if (next.entry.kind !== 'task') continue;
      if (next.entry.number <= last) break;
      last = next.entry.number;
      run++;
    }
    if (run > bestRun) [best, bestRun] = [i, run];
  });
  let start = best >= 0 ? best : read.findIndex((r) => r.entry.kind === 'task');
  if (start < 0) return 0;
  // The headings right above item 1 (一、组织领导) belong to the table.
  while (start > 0 && (read[start - 1]!.entry.kind === 'section' || read[start - 1]!.entry.kind === 'empty')) start--;
  return start;
}

function lineNumbers(drafts: Draft[]): Map<number, number> {
  const at = new Map<number, number>();
  for (const d of drafts) for (const l of d.lines) at.set(l, d.number);
  return at;
}

const numbersOn = (lines: number[], at: Map<number, number>) => [...new Set(lines.map((l) => at.get(l)).filter((n): n is number => n !== undefined))];

/** One shifted_column problem per run of consecutive rows repaired the same way. */
function shiftProblems(body: ReadRow[], at: Map<number, number>): Problem[] {
  const runs: { what: ShiftKind; lines: number[] }[] = [];
  let current: { what: ShiftKind; lines: number[] } | undefined;
  for (const r of body) {
    if (r.entry.kind === 'empty') continue;
    const what = r.shifts[0]?.what;
    if (what && current?.what === what) current.lines.push(r.entry.line);
    else {
      current = what ? { what, lines: [r.entry.line] } : undefined;
      if (current) runs.push(current);
    }
  }
  return runs.map((run) => {
    const numbers = numbersOn(run.lines, at);
    return {
      kind: 'shifted_column',
      numbers,
      line: run.lines[0]!,
      ...say.shiftedColumns(run.lines, run.what, numbers),
    };
  });
}

/** One markup problem per kind of remnant, naming the lines it was removed from. */
function markupProblems(body: ReadRow[], fromText: { kind: MarkupKind; line: number }[], firstLine: number, at: Map<number, number>): Problem[] {
  const byKind = new Map<MarkupKind, number[]>();
  const add = (kind: MarkupKind, line: number) => byKind.set(kind, [...(byKind.get(kind) ?? []), line]);
  for (const m of fromText) if (m.line >= firstLine) add(m.kind, m.line);
  for (const r of body) for (const k of r.markup) add(k, r.entry.line);
  return [...byKind].map(([kind, lines]) => {
    const sorted = [...new Set(lines)].sort((a, b) => a - b);
    const numbers = numbersOn(sorted, at);
    return { kind: 'markup', ...(numbers.length ? { numbers } : {}), line: sorted[0]!, ...say.markupRemoved(kind, sorted) };
  });
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.i - b.i).map((x) => x.p);
}
