import * as say from './messages.ts';
import { excerpt } from './normalize.ts';
import { startsWithSubItem, subItemMarks } from './numbering.ts';
import type { Cell, Entry } from './rows.ts';
import type { Problem } from './types.ts';

/** A task before its deadline is settled. */
export interface Draft {
  number: number;
  text: string;
  deadline: Cell;
  line: number;
  /** Every source line the task was read from (its own, sub-items and continuations). */
  lines: number[];
  section?: string;
  responsible?: string;
  extra?: Record<string, string>;
  /** A deadline-only row above it that stands for its group. */
  strayDeadline?: Cell & { line: number };
}

type Orphan = Extract<Entry, { kind: 'orphan' }>;

/**
 * Entries in source order → task drafts. A sub-item row without a task number joins the task above,
 * unless it restarts that task's numbering and the task below goes on from it ((1) above a task
 * opening with (2));
 * a line without a number continues the task above it. Every such repair is reported.
 */
export function assemble(entries: Entry[]): { drafts: Draft[]; problems: Problem[] } {
  const drafts: Draft[] = [];
  const problems: Problem[] = [];
  let section: string | undefined;
  let pending: Orphan[] = [];
  let stray: (Cell & { line: number }) | undefined;
  let heading: { text: string; line: number; used: boolean } | undefined;
  // Texts grow by parts, joined once at the end: a list of many wrapped lines stays linear.
  const parts = new Map<Draft, string[]>();
  const lastSub = new Map<Draft, number>();
  const append = (to: Draft, text: string, before = false) => {
    const list = parts.get(to)!;
    if (before) list.unshift(text);
    else list.push(text);
    const n = subItemMarks(text).at(-1)?.number ?? startsWithSubItem(text) ?? 0;
    if (!before && n > (lastSub.get(to) ?? 0)) lastSub.set(to, n);
  };
  // Both are reported once for a run of lines; their text is written when the run is complete.
  const continued = new Map<Draft, Problem & { lines: number[]; text: string }>();
  let unnumbered: (Problem & { lines: number[]; texts: string[] }) | undefined;
  const headingUnused = () => {
    if (heading && !heading.used) problems.push({ kind: 'ignored_text', line: heading.line, ...say.headingWithoutTasks(heading.text, heading.line) });
  };

  const attachPending = (to: Draft, before: boolean) => {
    if (pending.length === 0) return;
    if (before) [...pending].reverse().forEach((o) => append(to, o.text, true));
    else pending.forEach((o) => append(to, o.text));
    to.lines.push(...pending.map((o) => o.line));
    for (const o of pending) {
      if (to.deadline.text === '' && o.deadline.text !== '') to.deadline = o.deadline;
      // In untabulated text a "(2) …" line under its task is how sub-items are written, not a defect.
      if (!before && !o.tabular) continue;
      problems.push({
        kind: 'orphan_subitem',
        numbers: [to.number],
        line: o.line,
        ...say.orphanSubItemJoined(o.line, o.subNumber, to.number, before, o.text),
      });
    }
    pending = [];
  };

  for (const e of entries) {
    switch (e.kind) {
      case 'section':
        headingUnused();
        section = e.text;
        heading = { text: e.text, line: e.line, used: false };
        if (e.deadline) {
          stray = { ...e.deadline, line: e.line };
          problems.push({ kind: 'stray_deadline', line: e.line, ...say.strayDeadline(e.line, e.deadline.text, true) });
        }
        break;
      case 'task': {
        const d: Draft = { number: e.number, text: e.text, deadline: e.deadline, line: e.line, lines: [e.line] };
        parts.set(d, []);
        append(d, e.text);
        unnumbered = undefined;
        if (section) d.section = section;
        if (heading) heading.used = true;
        if (e.responsible) d.responsible = e.responsible;
        if (e.extra) d.extra = e.extra;
        if (stray) d.strayDeadline = stray;
        stray = undefined;
        // Pending sub-items go below: their numbers run on into this task's first sub-item ((1) then (2)).
        const prev = drafts.at(-1);
        const runsOn = startsWithSubItem(d.text) === (pending.at(-1)?.subNumber ?? -1) + 1;
        if (prev && !runsOn) attachPending(prev, false);
        else attachPending(d, true);
        drafts.push(d);
        break;
      }
      case 'orphan': {
        const prev = drafts.at(-1);
        const last = prev ? (lastSub.get(prev) ?? 0) : 0;
        // Plain text: a sub-item that does not restart the numbering above belongs there. A table row
        // with an empty number cell waits for the task below unless it plainly goes on from the one above.
        const continuesPrev = prev && pending.length === 0 && (e.tabular ? last > 0 && e.subNumber === last + 1 : e.subNumber > last);
        pending.push(e);
        if (continuesPrev) attachPending(prev, false);
        break;
      }
      case 'continuation': {
        const last = pending.at(-1);
        if (last) {
          last.text = `${last.text}\n${e.text}`;
          break;
        }
        const prev = drafts.at(-1);
        if (prev) {
          append(prev, e.text);
          prev.lines.push(e.line);
          if (e.quiet) break;
          const p = continued.get(prev);
          if (p) p.lines.push(e.line);
          else {
            const q = { kind: 'continuation_line' as const, numbers: [prev.number], line: e.line, message: '', messageEn: '', lines: [e.line], text: e.text };
            continued.set(prev, q);
            problems.push(q);
          }
        } else if (unnumbered) {
          unnumbered.lines.push(e.line);
          if (unnumbered.texts.length < 3) unnumbered.texts.push(excerpt(e.text, 40));
        } else {
          unnumbered = { kind: 'unnumbered_row', line: e.line, message: '', messageEn: '', lines: [e.line], texts: [excerpt(e.text, 60)] };
          problems.push(unnumbered);
        }
        break;
      }
      case 'stray_deadline':
        stray = { ...e.deadline, line: e.line };
        problems.push({ kind: 'stray_deadline', line: e.line, ...say.strayDeadline(e.line, e.deadline.text, false) });
        break;
      case 'header':
        problems.push({ kind: 'repeated_header', line: e.line, ...say.repeatedHeader(e.line) });
        break;
      case 'empty':
        break;
    }
  }
  headingUnused();
  const prev = drafts.at(-1);
  if (prev) attachPending(prev, false);
  for (const d of drafts) d.text = parts.get(d)!.filter(Boolean).join('\n');
  for (const [d, p] of continued) {
    Object.assign(p, say.continuationLines(p.lines, d.number, p.text));
    delete (p as Partial<typeof p>).lines;
    delete (p as Partial<typeof p>).text;
  }
  for (const p of problems) {
    if (p.kind !== 'unnumbered_row' || !('texts' in p)) continue;
    const u = p as Problem & { lines: number[]; texts: string[] };
    Object.assign(u, say.unnumberedRows(u.lines, u.texts));
    delete (u as Partial<typeof u>).lines;
    delete (u as Partial<typeof u>).texts;
  }
  for (const o of pending) {
    problems.push({ kind: 'orphan_subitem', line: o.line, ...say.orphanSubItemDropped(o.line, o.subNumber, o.text) });
  }
  return { drafts, problems };
}
