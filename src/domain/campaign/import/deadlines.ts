import type { Draft } from './assemble.ts';
import { findDates, parseDeadlineCell, type DateMention } from './dates.ts';
import * as say from './messages.ts';
import { splitSubItems } from './numbering.ts';
import type { Cell } from './rows.ts';
import type { DeadlineSource, ImportedTask, Problem, SubItem } from './types.ts';

interface Group {
  date: string | null;
  text: string;
  line: number;
  first: number;
  carried: number[];
}

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : undefined);
const latestEnd = (ms: DateMention[]) => ms.filter((m) => m.kind === 'end' && m.date).sort((a, b) => (a.date! < b.date! ? 1 : -1))[0];

/**
 * Settles each task's deadline. A deadline written once for a group (first row only, or a merged
 * cell) holds for the rows below it; a date in the task's own text overrides it (reported when they
 * differ); a start (自2020年起) is kept as a start, never as a deadline.
 * `carry`: false when the source marks groups with merged cells, so an empty cell means no deadline.
 */
export function settleDeadlines(drafts: Draft[], carry: boolean): { tasks: ImportedTask[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const groups: Group[] = [];
  let group: Group | undefined;
  const tasks = drafts.map((d) => {
    let cell: Cell & { line: number } = { ...d.deadline, line: d.line };
    if (cell.text === '' && d.strayDeadline) cell = d.strayDeadline;
    let deadline: string | null = null;
    let deadlineText: string | null = null;
    let source: DeadlineSource = 'none';
    if (cell.text !== '') {
      if (cell.merged && group && group.text === cell.text) {
        source = 'merged_cell';
      } else {
        const parsed = parseDeadlineCell(cell.text, yearOf(group?.date));
        group = { date: parsed.kind === 'date' ? parsed.date : null, text: cell.text, line: cell.line, first: d.number, carried: [] };
        groups.push(group);
        source = 'row';
        if (parsed.kind === 'open') problems.push({ kind: 'open_ended_deadline', numbers: [d.number], line: cell.line, ...say.openEndedDeadline(d.number, cell.text) });
        if (parsed.kind === 'unknown' || parsed.kind === 'needs_year') {
          problems.push({ kind: 'unreadable_deadline', numbers: [d.number], line: cell.line, ...say.unreadableDeadlineCell(d.number, cell.text, parsed.kind === 'needs_year') });
        }
      }
      deadline = group!.date;
      deadlineText = group!.text;
    } else if (carry && group) {
      group.carried.push(d.number);
      deadline = group.date;
      deadlineText = group.text;
      source = 'group';
    }

    const mentions = findDates(d.text, yearOf(deadline));
    const own = latestEnd(mentions);
    if (own && own.date !== deadline) {
      if (deadline !== null || deadlineText !== null) {
        problems.push({
          kind: 'deadline_conflict',
          numbers: [d.number],
          line: d.line,
          ...say.deadlineConflict(d.number, { text: own.text, date: own.date! }, { text: deadlineText ?? '', date: deadline, ...(source === 'group' ? { groupLine: group!.line } : {}) }),
        });
      }
      deadline = own.date!;
      deadlineText = own.text;
      source = 'text';
    }
    const yearless = mentions.find((m) => m.kind === 'end' && !m.date);
    if (yearless && !own) problems.push({ kind: 'unreadable_deadline', numbers: [d.number], line: d.line, ...say.yearlessDateInText(d.number, yearless.text) });
    const start = mentions.find((m) => m.kind === 'start' && m.date);

    const task: ImportedTask = { number: d.number, text: d.text, deadline, deadlineText, deadlineSource: source, line: d.line };
    const subItems = readSubItems(d.text, yearOf(deadline));
    if (subItems.length) task.subItems = subItems;
    if (start) Object.assign(task, { startDate: start.date, startText: start.text });
    if (d.section) task.section = d.section;
    if (d.responsible) task.responsible = d.responsible;
    if (d.extra) task.extra = d.extra;
    // A deadline written but unreadable or open-ended was reported where it stands.
    if (deadline === null && deadlineText === null) problems.push(missing(d));
    return task;
  });
  for (const g of groups) {
    if (g.carried.length === 0) continue;
    problems.push({
      kind: 'carried_deadline',
      numbers: [g.first, ...g.carried],
      line: g.line,
      ...say.carriedDeadline(g.text, g.line, g.first, g.carried),
    });
  }
  return { tasks, problems: mergeMissing(problems) };
}

function missing(d: Draft): Problem {
  return { kind: 'missing_deadline', numbers: [d.number], line: d.line, ...say.missingDeadline(d.number, d.text) };
}

/** One missing_deadline problem for a run of items, not one per item. */
function mergeMissing(problems: Problem[]): Problem[] {
  const miss = problems.filter((p) => p.kind === 'missing_deadline');
  if (miss.length <= 1) return problems;
  const numbers = miss.flatMap((p) => p.numbers ?? []);
  const merged: Problem = { kind: 'missing_deadline', numbers, line: miss[0]!.line, ...say.missingDeadlines(numbers) };
  return [...problems.filter((p) => p.kind !== 'missing_deadline'), merged];
}

function readSubItems(text: string, year: number | undefined): SubItem[] {
  return splitSubItems(text).items.map((it) => {
    const own = latestEnd(findDates(it.text, year));
    return own ? { ...it, deadline: own.date!, deadlineText: own.text } : it;
  });
}
