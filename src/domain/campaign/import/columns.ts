import { toHalfWidth } from './normalize.ts';
import type { SourceRow } from './types.ts';

/** What a column holds. */
export type ColumnRole = 'number' | 'task' | 'deadline' | 'responsible';

export interface ColumnMap {
  number?: number;
  task: number;
  deadline?: number;
  responsible?: number;
  /** Columns of no known role, by header text. */
  extra: { index: number; name: string }[];
}

// Header words as lists write them (序号,工作任务,完成时限 / 编号,任务内容,时间要求,责任单位 / No.,Task,Deadline).
const HEADER_WORDS: [ColumnRole, RegExp][] = [
  ['number', /^(序号|编号|序|项次|条目|号|no|number|item|#|s\/n|sn)$/],
  ['deadline', /^(完成时限|完成时间|完成期限|时限|时间要求|时限要求|时间节点|期限|截止时间|截止日期|完成日期|完成时限要求|deadline|due|duedate|by|when|timelimit)$/],
  ['responsible', /^(责任单位|牵头单位|责任部门|负责单位|牵头部门|责任处室|责任主体|配合单位|责任人|owner|responsible|responsibleunit|lead)$/],
  ['task', /^(工作任务|任务|任务内容|工作内容|内容|主要任务|重点任务|具体任务|整治任务|工作措施|任务措施|主要内容|工作要求|task|tasks|description|content)$/],
];

function headerKey(cell: string): string {
  return toHalfWidth(cell)
    .toLowerCase()
    .replace(/<[^<>]*>/g, '')
    .replace(/[（(][^)）]*[)）]/g, '')
    .replace(/[\s.:：*_|]/g, '');
}

export function headerRole(cell: string): ColumnRole | null {
  const key = headerKey(cell);
  if (key === '' || key.length > 12) return null;
  return HEADER_WORDS.find(([, re]) => re.test(key))?.[0] ?? null;
}

/** A header row: two or more cells name different known columns. */
export function headerMap(row: SourceRow): ColumnMap | null {
  const roles = new Map<ColumnRole, number>();
  const extra: ColumnMap['extra'] = [];
  row.cells.forEach((cell, i) => {
    const role = headerRole(cell);
    if (role && !roles.has(role)) roles.set(role, i);
    else if (cell.trim() !== '') extra.push({ index: i, name: cell.trim() });
  });
  if (roles.size < 2) return null;
  const named = roles.size;
  if (extra.length > named + 2) return null;
  let task = roles.get('task');
  if (task === undefined) {
    // 序号 | (unnamed) | 完成时限: the unnamed column between them holds the task.
    const after = (roles.get('number') ?? -1) + 1;
    const free = extra.find((e) => e.index >= after) ?? { index: after, name: '' };
    task = free.index;
    extra.splice(extra.indexOf(free), extra.includes(free) ? 1 : 0);
  }
  return { number: roles.get('number'), task, deadline: roles.get('deadline'), responsible: roles.get('responsible'), extra };
}

const isNumberCell = (c: string) => /^\s*[0-9０-９]{1,4}\s*[、.．)）]?\s*$/.test(c);

/**
 * Without a header: the shape most rows have. Three or more cells read as number, task, deadline
 * (and responsible); two as number, task or as task, deadline; one as the task with its number inside.
 */
export function guessMap(rows: SourceRow[]): ColumnMap {
  const widths = rows.map((r) => nonEmptyWidth(r.cells));
  const wide = widths.filter((w) => w >= 3).length;
  const two = widths.filter((w) => w === 2).length;
  if (wide > 0 && wide >= two && wide * 3 >= rows.length) return { number: 0, task: 1, deadline: 2, responsible: 3, extra: [] };
  if (two + wide > 0 && (two + wide) * 3 >= rows.length) {
    const numbered = rows.filter((r) => isNumberCell(r.cells[0] ?? '')).length;
    if (numbered * 2 >= two + wide) return { number: 0, task: 1, deadline: 2, extra: [] };
    return { task: 0, deadline: 1, extra: [] };
  }
  return { task: 0, deadline: 1, extra: [] };
}

function nonEmptyWidth(cells: string[]): number {
  let last = -1;
  cells.forEach((c, i) => {
    if (c.trim() !== '') last = i;
  });
  return last + 1;
}
