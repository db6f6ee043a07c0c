/**
 * Every problem's text, in Chinese (the officials' wording: 缺号、完成时限沿用上方…) and in English,
 * built from the same facts in one function per problem so the two never say different things.
 * Items are 第N项, lines 第N行; task text is quoted as it stands, shortened by `excerpt`.
 */
import type { MarkupKind } from './markup.ts';
import { excerpt } from './normalize.ts';

export interface ProblemText {
  /** Chinese, shown by default. */
  message: string;
  messageEn: string;
}

type Column = 'number' | 'task' | 'deadline' | 'responsible';
/** How a row's columns were repaired (shifted_column). */
export type ShiftKind = 'row_right' | 'task_deadline_swapped' | 'number_in_text' | `text_in_${Exclude<Column, 'task'>}`;

const COLUMN: Record<Column, { zh: string; en: string }> = {
  number: { zh: '序号', en: '序号 (number)' },
  task: { zh: '工作任务', en: '任务 (task)' },
  deadline: { zh: '完成时限', en: '完成时限 (deadline)' },
  responsible: { zh: '责任单位', en: '责任单位 (responsible)' },
};

const SHIFT: Record<ShiftKind, { zh: string; en: string }> = {
  row_right: { zh: '整行右移了一列', en: 'the whole row stood one column to the right' },
  text_in_number: { zh: `任务内容写在“${COLUMN.number.zh}”列`, en: `task text stood in the ${COLUMN.number.en} column` },
  text_in_deadline: { zh: `任务内容写在“${COLUMN.deadline.zh}”列`, en: `task text stood in the ${COLUMN.deadline.en} column` },
  text_in_responsible: { zh: `任务内容写在“${COLUMN.responsible.zh}”列`, en: `task text stood in the ${COLUMN.responsible.en} column` },
  task_deadline_swapped: { zh: `“${COLUMN.task.zh}”与“${COLUMN.deadline.zh}”两列互换`, en: `the ${COLUMN.task.en} and ${COLUMN.deadline.en} columns were swapped` },
  number_in_text: { zh: `序号写在任务内容开头，而非“${COLUMN.number.zh}”列`, en: `the number stood at the start of the task text, not in the ${COLUMN.number.en} column` },
};

const MARKUP: Record<MarkupKind, { zh: string; en: string }> = {
  html_tag: { zh: 'HTML 标签', en: 'HTML tags' },
  html_entity: { zh: 'HTML 实体（&nbsp; …）', en: 'HTML entities (&nbsp; …)' },
  markdown_pipe: { zh: 'Markdown 表格竖线', en: 'markdown table pipes' },
  markdown_emphasis: { zh: 'Markdown 加粗符号（**）', en: 'markdown emphasis (**)' },
  table_border: { zh: '表格边框字符', en: 'table border characters' },
};

const item = (n: number) => `第${n}项`;
const items = (ns: number[]) => `第${ns.join('、')}项`;
const itemsEn = (ns: number[]) => (ns.length === 1 ? `item ${ns[0]}` : `items ${ns.join(', ')}`);
const line = (l: number) => `第${l}行`;
const quote = (text: string, max?: number) => `“${excerpt(text, max)}”`;
const quoteEn = (text: string, max?: number) => `"${excerpt(text, max)}"`;

function lineList(lines: number[]): { zh: string; en: string } {
  if (lines.length === 1) return { zh: line(lines[0]!), en: `Line ${lines[0]}` };
  const shown = lines.slice(0, 8);
  const more = lines.length > 8;
  return {
    zh: `第${shown.join('、')}${more ? `…行（共${lines.length}行，至第${lines.at(-1)}行）` : '行'}`,
    en: `Lines ${shown.join(', ')}${more ? ` … (${lines.length} lines, to ${lines.at(-1)})` : ''}`,
  };
}

const span = (lines: number[]) =>
  lines.length === 1 ? { zh: line(lines[0]!), en: `line ${lines[0]}` } : { zh: `第${lines[0]}–${lines.at(-1)}行`, en: `lines ${lines[0]}–${lines.at(-1)}` };

// — Numbering (checks.ts, assemble.ts, index.ts) —

export function missingNumbers(missing: number[], before: number, at: number): ProblemText {
  const which = missing.length === 1 ? `Item ${missing[0]} is` : `Items ${missing.join(', ')} are`;
  return { message: `${items(missing)}缺号（在第${before}项之前，${line(at)}）`, messageEn: `${which} missing from the sequence (before item ${before}, line ${at})` };
}

export function missingNumberRange(from: number, to: number, before: number): ProblemText {
  const count = to - from + 1;
  return { message: `第${from}–${to}项缺号（共${count}个序号，在第${before}项之前）`, messageEn: `Items ${from}–${to} (${count} numbers) are missing before item ${before}` };
}

export function duplicateNumber(n: number, firstLine: number, againLine: number): ProblemText {
  return { message: `序号${n}重复（${line(firstLine)}和${line(againLine)}）`, messageEn: `Item number ${n} is used twice (lines ${firstLine} and ${againLine})` };
}

export function outOfOrder(n: number, at: number, after: number): ProblemText {
  return { message: `${item(n)}（${line(at)}）排在${item(after)}之后，序号顺序错乱`, messageEn: `Item ${n} (line ${at}) comes after item ${after}` };
}

export function missingSubItems(n: number, missing: number[]): ProblemText {
  const subs = missing.map((m) => `（${m}）`).join('');
  return { message: `${item(n)}子项缺号：缺少子项${subs}`, messageEn: `Item ${n}: sub-item${missing.length > 1 ? 's' : ''} ${missing.map((m) => `(${m})`).join(' ')} missing` };
}

export function orphanSubItemJoined(at: number, sub: number, n: number, below: boolean, text: string): ProblemText {
  return {
    message: `${line(at)}：子项缺少编号，子项（${sub}）已归入${item(n)}（${below ? '下方一项，为其第一个子项' : '上方一项'}）：${quote(text)}`,
    messageEn: `Line ${at}: sub-item (${sub}) has no task number; read as part of item ${n} (${below ? 'the item below it, whose sub-items it begins' : 'the item above it'}): ${quoteEn(text)}`,
  };
}

export function orphanSubItemDropped(at: number, sub: number, text: string): ProblemText {
  return {
    message: `${line(at)}：子项缺少编号，子项（${sub}）无可归属的任务，未作为任务读取：${quote(text, 60)}`,
    messageEn: `Line ${at}: sub-item (${sub}) has no task number and no task to join; not read as a task: ${quoteEn(text, 60)}`,
  };
}

export function continuationLines(lines: number[], n: number, text: string): ProblemText {
  const l = lineList(lines);
  return {
    message: `${l.zh}无序号，已作为${item(n)}的续行并入：${quote(text)}`,
    messageEn: `${l.en} ${lines.length > 1 ? 'have' : 'has'} no task number; read as the continuation of item ${n}: ${quoteEn(text)}`,
  };
}

export function unnumberedRows(lines: number[], texts: string[]): ProblemText {
  const l = lineList(lines);
  const more = lines.length > texts.length ? ' …' : '';
  return {
    message: `${l.zh}无序号，上方也无任务，未作为任务读取：${texts.map((t) => `“${t}”`).join('、')}${more}`,
    messageEn: `${l.en} ${lines.length > 1 ? 'have' : 'has'} no task number and no task above; not read as tasks: ${texts.map((t) => `"${t}"`).join(', ')}${more}`,
  };
}

export function chineseNumbering(numbers: number[]): ProblemText {
  return {
    message: `未找到阿拉伯数字序号的任务，已将按一、二、…编号的条目读作${items(numbers)}`,
    messageEn: `No arabic-numbered task was found; the items numbered 一、二、… were read as tasks ${numbers.join(', ')}`,
  };
}

export function noTasks(): ProblemText {
  return { message: '未找到带序号的任务', messageEn: 'No numbered task was found' };
}

// — Layout (assemble.ts, index.ts, the CSV and XLSX readers) —

export function repeatedHeader(at: number): ProblemText {
  return { message: `${line(at)}重复表头，已跳过`, messageEn: `Line ${at} repeats the header row; skipped` };
}

export function headingWithoutTasks(text: string, at: number): ProblemText {
  return { message: `标题${quote(text, 40)}（${line(at)}）下没有任务`, messageEn: `Heading ${quoteEn(text, 40)} (line ${at}) has no task under it` };
}

/** Lines above the table; `header` is the header row's line, or else `item1` is item 1's line. */
export function textBeforeTable(first: number, last: number, count: number, where: { header: number } | { item1: number | undefined }, text: string): ProblemText {
  const zh = 'header' in where ? `表头（${line(where.header)}）` : `第1项（第${where.item1 ?? '?'}行）`;
  const en = 'header' in where ? `the header row (line ${where.header})` : `item 1 (line ${where.item1 ?? '?'})`;
  return {
    message: `第${first}–${last}行（非空${count}行）在${zh}之前，未作为任务读取：${quote(text, 40)}`,
    messageEn: `Lines ${first}–${last} (${count} non-empty) come before ${en} and were not read as tasks: ${quoteEn(text, 40)}`,
  };
}

export function unknownColumns(names: string[]): ProblemText {
  return {
    message: `未识别的列${names.map((n) => `“${n}”`).join('、')}，已作为附加信息保留在每项任务中`,
    messageEn: `Column${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')} not known; kept as extra on each task`,
  };
}

export function shiftedColumns(lines: number[], what: ShiftKind, numbers: number[]): ProblemText {
  const s = span(lines);
  return {
    message: `${s.zh}：${SHIFT[what].zh}，列错位已纠正${numbers.length ? `（${items(numbers)}）` : ''}`,
    messageEn: `${s.en}: ${SHIFT[what].en}; read as the task${numbers.length ? ` (item${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')})` : ''}`,
  };
}

export function markupRemoved(kind: MarkupKind, lines: number[]): ProblemText {
  const zh = lines.length <= 5 ? `第${lines.join('、')}行` : `${lines.length}行（第${lines[0]}–${lines.at(-1)}行）`;
  const en = lines.length <= 5 ? `line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}` : `${lines.length} lines (${lines[0]}–${lines.at(-1)})`;
  return { message: `标记残留已清除：${zh}的${MARKUP[kind].zh}`, messageEn: `${MARKUP[kind].en} removed on ${en}` };
}

export function unreadableCsv(error: string, delimiter: string): ProblemText {
  return {
    message: `CSV 无法解析（${error}），已改为按“${delimiter}”逐行拆分`,
    messageEn: `The CSV could not be parsed (${error}); its lines were split at "${delimiter}" instead`,
  };
}

export function ignoredSheet(name: string, rows: number, read: string): ProblemText {
  return {
    message: `工作表“${name}”（${rows}行）未读取，只读取了第一个有内容的工作表“${read}”`,
    messageEn: `Sheet "${name}" (${rows} rows) was not read; only the first sheet with content, "${read}", was`,
  };
}

export function ignoredColumns(after: number, sheet: string): ProblemText {
  return { message: `工作表“${sheet}”第${after}列之后的列未读取`, messageEn: `Columns after the ${after}th of sheet "${sheet}" were not read` };
}

// — Deadlines (deadlines.ts, assemble.ts) —

export function strayDeadline(at: number, deadline: string, onHeading: boolean): ProblemText {
  return onHeading
    ? { message: `${line(at)}的标题带有完成时限“${deadline}”，作为其下各行的完成时限`, messageEn: `The heading on line ${at} carries a deadline ("${deadline}"); read as the deadline of the rows below it` }
    : { message: `${line(at)}只有完成时限“${deadline}”，作为其下各行的完成时限`, messageEn: `Line ${at} holds only a deadline ("${deadline}"); read as the deadline of the rows below it` };
}

export function openEndedDeadline(n: number, deadline: string): ProblemText {
  return { message: `${item(n)}：完成时限“${deadline}”未写明截止日期，按原文保留`, messageEn: `Item ${n}: "${deadline}" names no end date; kept as written` };
}

export function unreadableDeadlineCell(n: number, deadline: string, needsYear: boolean): ProblemText {
  return needsYear
    ? { message: `${item(n)}：完成时限“${deadline}”未写明年份，上方也无年份可沿用`, messageEn: `Item ${n}: deadline "${deadline}" names no year and no year stands above it` }
    : { message: `${item(n)}：完成时限“${deadline}”不是日期`, messageEn: `Item ${n}: deadline "${deadline}" is not a date` };
}

export function yearlessDateInText(n: number, phrase: string): ProblemText {
  return { message: `${item(n)}：文中时限“${phrase}”未写明年份，上方也无年份可沿用`, messageEn: `Item ${n}: "${phrase}" names no year and no year stands above it` };
}

/** The task's own date (kept) against its group's deadline (`groupLine`) or its deadline column. */
export function deadlineConflict(n: number, own: { text: string; date: string }, other: { text: string; date: string | null; groupLine?: number }): ProblemText {
  const where = other.groupLine !== undefined;
  const facts = [other.date, where ? line(other.groupLine!) : undefined].filter(Boolean).join('，');
  return {
    message: `${item(n)}：文中时限“${own.text}”（${own.date}）与${where ? '所在组时限' : '完成时限列'}“${other.text}”${facts ? `（${facts}）` : ''}不一致（以文中为准）`,
    messageEn: `Item ${n}: its text says "${own.text}" (${own.date}) but its ${where ? `group's deadline (line ${other.groupLine})` : 'deadline column'} says "${other.text}"${other.date ? ` (${other.date})` : ''}; the date in the text is kept`,
  };
}

export function carriedDeadline(deadline: string, at: number, first: number, carried: number[]): ProblemText {
  return {
    message: `完成时限“${deadline}”只在${line(at)}（${item(first)}）写明一次，${items(carried)}完成时限沿用上方`,
    messageEn: `Deadline "${deadline}" stands once, on line ${at} (item ${first}); carried down to ${itemsEn(carried)}`,
  };
}

export function missingDeadline(n: number, text: string): ProblemText {
  return { message: `${item(n)}无完成时限：${quote(text)}`, messageEn: `Item ${n} has no deadline: ${quoteEn(text)}` };
}

export function missingDeadlines(numbers: number[]): ProblemText {
  return { message: `${numbers.length}项无完成时限：${items(numbers)}`, messageEn: `${numbers.length} items have no deadline: ${numbers.join(', ')}` };
}

// — Near-duplicates (similarity.ts) —

/** `held`: how much of the shorter text the longer holds, when that (not the overall similarity) made them alike. */
export function nearDuplicate(a: number, b: number, similarity: number, held?: number): ProblemText {
  const pct = (x: number) => Math.round(x * 100);
  return {
    message: `${item(a)}与${item(b)}疑似重复（${held === undefined ? `相似度 ${similarity.toFixed(2)}` : `一项包含另一项的 ${pct(held)}%，整体相似度 ${similarity.toFixed(2)}`}）`,
    messageEn: `Items ${a} and ${b} are near-duplicates: ${held === undefined ? `${pct(similarity)}% alike` : `one holds ${pct(held)}% of the other (${pct(similarity)}% alike overall)`}`,
  };
}

export function moreNearDuplicates(more: number): ProblemText {
  return { message: `另有${more}对疑似重复的任务，未逐一列出`, messageEn: `${more} more pairs of near-duplicate tasks were found and not listed one by one` };
}

export function duplicateCheckSkipped(tasks: number, max: number): ProblemText {
  return { message: `共${tasks}项任务，疑似重复检查最多比对${max}项，本次未检查`, messageEn: `${tasks} tasks: the near-duplicate check runs on at most ${max} and was skipped` };
}
