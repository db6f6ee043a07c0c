import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTaskList, readTaskText, type ImportResult } from './index.ts';
import { PROBLEM_KINDS } from './types.ts';

/** The contract's shape, checked field by field: what any caller may rely on whatever the input. */
function expectShape(r: ImportResult) {
  expect(Array.isArray(r.tasks)).toBe(true);
  expect(Array.isArray(r.problems)).toBe(true);
  for (const t of r.tasks) {
    expect(Number.isInteger(t.number) && t.number >= 0).toBe(true);
    expect(typeof t.text).toBe('string');
    expect(Number.isInteger(t.line) && t.line >= 1).toBe(true);
    if (t.deadline !== null) expect(isIsoDate(t.deadline)).toBe(true);
    if (t.startDate !== undefined) expect(isIsoDate(t.startDate)).toBe(true);
    for (const s of t.subItems ?? []) {
      expect(Number.isInteger(s.number)).toBe(true);
      if (s.deadline !== undefined) expect(isIsoDate(s.deadline)).toBe(true);
    }
  }
  for (const p of r.problems) {
    expect(PROBLEM_KINDS).toContain(p.kind);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.messageEn.length).toBeGreaterThan(0);
    // The Chinese message says the same in Chinese: it holds at least one CJK character.
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    for (const n of p.numbers ?? []) expect(Number.isInteger(n)).toBe(true);
  }
  expect(() => JSON.stringify(r)).not.toThrow();
}

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

// Pieces real lists are made of, so that random text reaches deep into the reader, not just its first check.
const piece = fc.constantFrom(
  '1', '2', '13', '１２', '\t', '\t\t', '\n', '\r\n', ' ', '  ', '、', '．', '. ', '(1) ', '（2）', '③', '一、', '（三）',
  '2020 年', '2022年6月底前', '年底前', '6月底前', '自2020年起', '长期', '序号', '任 务', '完成时限', '编号', '责任单位',
  '<p>', '</p>', '<br/>', '&nbsp;', '&#0;', '&#xD800;', '| ', ' |', '|---|', '┌──┐', '│', '**', '建立完善安全风险监测预警机制', '，', '。', '<国家矿山>',
);
const listLike = fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 80 }).map((xs) => xs.join(''));

describe('the reader never throws and always answers in the contract’s shape', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => expectShape(readTaskText(s))),
      { numRuns: 300 },
    );
  });

  it('on text made of task-list pieces', () => {
    fc.assert(
      fc.property(listLike, (s) => expectShape(readTaskText(s))),
      { numRuns: 500 },
    );
  });

  it('on arbitrary rows, merged flags included', () => {
    const row = fc.record({ cells: fc.array(fc.oneof(piece, fc.string({ maxLength: 12 })), { maxLength: 6 }), merged: fc.array(fc.boolean(), { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => expectShape(readTaskList(rows.map((r, i) => ({ line: i + 1, ...r }))))),
      { numRuns: 300 },
    );
  });
});

// Lists no one has seen: any length, any grouping of deadlines, any of the usual layouts.
const POOL = [...'安全生产监管矿山尾库治理排查隐患企业制度标准化风险管控建设推进完善落实检查培训应急救援责任体系信息系统联网监测预警专项整治行动'];
const taskText = fc.array(fc.constantFrom(...POOL), { minLength: 6, maxLength: 40 }).map((cs) => `${cs.join('')}。`);
const period = fc.oneof(
  fc.integer({ min: 2020, max: 2026 }).map((y) => ({ text: `${y}年`, date: `${y}-12-31` })),
  fc.record({ y: fc.integer({ min: 2020, max: 2026 }), m: fc.constantFrom(3, 6, 9) }).map(({ y, m }) => ({ text: `${y}年${m}月底前`, date: `${y}-${String(m).padStart(2, '0')}-${m === 3 ? 31 : 30}` })),
);
const list = fc
  .record({
    tasks: fc.array(fc.record({ text: taskText, startsGroup: fc.boolean(), period }), { minLength: 1, maxLength: 40 }),
    layout: fc.constantFrom('tab', 'tab-header', 'markdown', 'numbered-lines'),
    drop: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ tasks, layout, drop }) => {
    let current = tasks[0]!.period;
    const rows = tasks.map((t, i) => {
      const starts = i === 0 || t.startsGroup;
      if (starts) current = t.period;
      return { number: i + 1, text: t.text, cell: starts ? current.text : '', date: current.date };
    });
    // Dropping a row keeps a group's deadline on its first row, so that the expectation stays simple.
    const dropped = drop !== undefined && rows.length > 2 ? 2 + (drop % (rows.length - 2)) : undefined;
    const kept = rows.filter((r) => r.number !== dropped || r.cell !== '');
    return { rows: kept, layout, dropped: kept.length < rows.length ? dropped : undefined };
  });

function render(l: { rows: { number: number; text: string; cell: string }[]; layout: string }): string {
  const lines = l.rows.map((r) => {
    if (l.layout === 'markdown') return `| ${r.number} | ${r.text} | ${r.cell} |`;
    if (l.layout === 'numbered-lines') return `${r.number}、${r.text}${r.cell ? ` ${r.cell}` : ''}`;
    return `${r.number}\t${r.text}\t${r.cell}`;
  });
  if (l.layout === 'tab-header') lines.unshift('序号\t工作任务\t完成时限');
  if (l.layout === 'markdown') lines.unshift('| 序号 | 工作任务 | 完成时限 |', '|---|---|---|');
  return lines.join('\n');
}

describe('generated task lists come out right', () => {
  it('every task, its number, its text and its carried deadline; a dropped number reported', () => {
    fc.assert(
      fc.property(list, (l) => {
        const r = readTaskText(render(l));
        expect(r.tasks.map((t) => t.number)).toEqual(l.rows.map((x) => x.number));
        expect(r.tasks.map((t) => t.text)).toEqual(l.rows.map((x) => x.text));
        expect(r.tasks.map((t) => t.deadline)).toEqual(l.rows.map((x) => (x as { date: string }).date));
        const allowed = new Set(['carried_deadline', 'near_duplicate', 'missing_number', 'markup']);
        expect(r.problems.filter((p) => !allowed.has(p.kind))).toEqual([]);
        const missing = r.problems.filter((p) => p.kind === 'missing_number').flatMap((p) => p.numbers);
        expect(missing).toEqual(l.dropped === undefined ? [] : [l.dropped]);
      }),
      { numRuns: 300 },
    );
  });
});
