import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_KINDS } from '../../domain/campaign/import/types.ts';
import { Invalid } from '../../domain/errors.ts';
import { readCampaignTaskList } from './import.ts';

function expectShape(r: Awaited<ReturnType<typeof readCampaignTaskList>>) {
  expect(Array.isArray(r.tasks) && Array.isArray(r.problems)).toBe(true);
  for (const t of r.tasks) {
    expect(Number.isInteger(t.number)).toBe(true);
    expect(t.deadline === null || /^\d{4}-\d{2}-\d{2}$/.test(t.deadline)).toBe(true);
  }
  for (const p of r.problems) expect(PROBLEM_KINDS).toContain(p.kind);
}

const csvPiece = fc.constantFrom(',', ';', '\t', '"', '""', '\n', '\r\n', '\r', '\uFEFF', '序号', '工作任务', '完成时限', '1', '2', '2022年', '(1)', '<p>', '|');
const csvLike = fc.array(fc.oneof(csvPiece, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((xs) => xs.join(''));

describe('the import adapters never throw on what a caller may send', () => {
  it('reads arbitrary CSV text into the contract’s shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvLike, fc.string({ unit: 'binary', maxLength: 300 })), async (content) => expectShape(await readCampaignTaskList({ format: 'csv', content }))),
      { numRuns: 300 },
    );
  });

  it('answers arbitrary bytes sent as xlsx with the shape or a 422 naming the field, nothing else', async () => {
    const zipHeader = fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), zipHeader), async (bytes) => {
        try {
          expectShape(await readCampaignTaskList({ format: 'xlsx', content: Buffer.from(bytes).toString('base64') }));
        } catch (err) {
          expect(err).toBeInstanceOf(Invalid);
          expect((err as Invalid).details).toEqual([expect.objectContaining({ path: 'content' })]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('answers arbitrary strings sent as xlsx content the same way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (content) => {
        await readCampaignTaskList({ format: 'xlsx', content }).then(expectShape, (err: unknown) => expect(err).toBeInstanceOf(Invalid));
      }),
      { numRuns: 200 },
    );
  });
});

// Workbooks no one has seen: any number of tasks in groups, each group's deadline in one merged cell.
const POOL = [...'安全生产监管矿山尾库治理排查隐患企业制度标准化风险管控建设推进完善落实检查培训应急救援责任体系'];
const workbookList = fc.array(
  fc.record({ text: fc.array(fc.constantFrom(...POOL), { minLength: 6, maxLength: 30 }).map((cs) => cs.join('')), startsGroup: fc.boolean(), year: fc.integer({ min: 2020, max: 2026 }) }),
  { minLength: 1, maxLength: 25 },
);

describe('generated workbooks come out right', () => {
  it('reads every task with the deadline of its merged group cell, whatever the header words', async () => {
    await fc.assert(
      fc.asyncProperty(workbookList, fc.constantFrom(['序号', '工作任务', '完成时限'], ['编号', '任务内容', '时间要求'], ['No.', 'Task', 'Deadline']), async (tasks, header) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('清单');
        ws.addRow(header);
        const expected: string[] = [];
        let groupStart = 2;
        let year = tasks[0]!.year;
        tasks.forEach((t, i) => {
          const row = i + 2;
          if (i > 0 && t.startsGroup) {
            if (row - 1 > groupStart) ws.mergeCells(`C${groupStart}:C${row - 1}`);
            groupStart = row;
            year = t.year;
          }
          ws.addRow([i + 1, t.text, row === groupStart ? `${year}年` : null]);
          expected.push(`${year}-12-31`);
        });
        const last = tasks.length + 1;
        if (last > groupStart) ws.mergeCells(`C${groupStart}:C${last}`);
        const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
        const r = await readCampaignTaskList({ format: 'xlsx', content });
        expect(r.tasks.map((t) => t.number)).toEqual(tasks.map((_, i) => i + 1));
        expect(r.tasks.map((t) => t.deadline)).toEqual(expected);
        expect(r.problems.filter((p) => p.kind !== 'near_duplicate')).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('generated CSV lists come out right', () => {
  it('reads every task with the deadline carried down from its group’s first row', async () => {
    const headers = ['序号,工作任务,完成时限', '编号,任务内容,时间要求,责任单位', ''];
    await fc.assert(
      fc.asyncProperty(workbookList, fc.constantFrom(...headers), fc.constantFrom('\n', '\r\n'), async (tasks, header, eol) => {
        let year = tasks[0]!.year;
        const expected: string[] = [];
        const lines = tasks.map((t, i) => {
          const starts = i === 0 || t.startsGroup;
          if (starts) year = t.year;
          expected.push(`${year}-12-31`);
          return `${i + 1},"${t.text}，""${t.text.slice(0, 2)}""",${starts ? `${year}年` : ''}${header.includes('责任单位') ? ',省应急厅' : ''}`;
        });
        const r = await readCampaignTaskList({ format: 'csv', content: [header, ...lines].filter(Boolean).join(eol) });
        expect(r.tasks.map((t) => t.number)).toEqual(tasks.map((_, i) => i + 1));
        expect(r.tasks.map((t) => t.text)).toEqual(tasks.map((t) => `${t.text}，"${t.text.slice(0, 2)}"`));
        expect(r.tasks.map((t) => t.deadline)).toEqual(expected);
        expect(r.problems.filter((p) => !['near_duplicate', 'carried_deadline'].includes(p.kind))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
