import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access/policy.ts';
import { Forbidden, Invalid, TooLarge } from '../../domain/errors.ts';
import { createCampaignImportService, readCampaignTaskList } from './import.ts';

const csv = (lines: string[]) => readCampaignTaskList({ format: 'csv', content: lines.join('\n') });
const kinds = (r: { problems: { kind: string }[] }) => r.problems.map((p) => p.kind);

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('清单'), wb);
  const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  return readCampaignTaskList({ format: 'xlsx', content });
}

describe('CSV task lists', () => {
  it('reads 序号,工作任务,完成时限 with the deadline on the first row of each group', async () => {
    const r = await csv(['序号,工作任务,完成时限', '1,建立责任体系,2020年', '2,开展标准化建设,', '3,"推进四级联网，到2022年6月底前全部联网",2021年', '4,开展专家会诊,']);
    expect(r.tasks.map((t) => [t.number, t.deadline, t.deadlineSource])).toEqual([
      [1, '2020-12-31', 'row'],
      [2, '2020-12-31', 'group'],
      [3, '2022-06-30', 'text'],
      [4, '2021-12-31', 'group'],
    ]);
    expect(kinds(r)).toEqual(['carried_deadline', 'deadline_conflict', 'carried_deadline']);
  });

  it('reads 编号;任务内容;时间要求;责任单位 after a title row, with semicolons and an extra column', async () => {
    const r = await csv([
      '山西省非煤矿山安全生产专项整治三年行动工作任务清单;;;;',
      '编号;任务内容;时间要求;责任单位;备注',
      '1;"制定实施方案；明确目标任务";2020年底前;省应急厅;已完成',
      '2;"开展尾矿库隐患排查,',
      '建立台账";2021年6月底前;各市应急局;',
    ]);
    expect(r.tasks).toEqual([
      expect.objectContaining({ number: 1, text: '制定实施方案；明确目标任务', deadline: '2020-12-31', responsible: '省应急厅', extra: { 备注: '已完成' }, line: 3 }),
      expect.objectContaining({ number: 2, text: '开展尾矿库隐患排查,\n建立台账', deadline: '2021-06-30', responsible: '各市应急局', line: 4 }),
    ]);
    expect(kinds(r)).toEqual(['ignored_text', 'unknown_column']);
  });

  it('reads a CSV without a header, and a task text put in the deadline column', async () => {
    const r = await csv(['1,建立责任体系,2022年', '2,,推进采空区治理，开展监测预警', '3,完善制度,']);
    expect(r.tasks.map((t) => [t.number, t.text, t.deadline])).toEqual([
      [1, '建立责任体系', '2022-12-31'],
      [2, '推进采空区治理，开展监测预警', '2022-12-31'],
      [3, '完善制度', '2022-12-31'],
    ]);
    expect(r.problems.find((p) => p.kind === 'shifted_column')).toMatchObject({ numbers: [2], line: 2 });
  });

  it('reads a CSV whose quotes are broken, line by line, and says so', async () => {
    const r = await csv(['序号,工作任务,完成时限', '1,"建立责任体系,2022年', '2,完善制度,']);
    expect(kinds(r)).toContain('unreadable_csv');
    expect(r.tasks.map((t) => t.number)).toEqual([1, 2]);
  });

  it('strips a byte-order mark and HTML left in cells', async () => {
    const r = await csv(['\uFEFF序号,工作任务,完成时限', '1,<td>开展&nbsp;培训</td>,<b>2022年</b>']);
    expect(r.tasks[0]).toMatchObject({ number: 1, text: '开展培训', deadline: '2022-12-31' });
    expect(r.problems.filter((p) => p.kind === 'markup')).toHaveLength(2);
  });
});

describe('XLSX task lists', () => {
  it('reads merged deadline cells as one group each; an empty unmerged cell is then a missing deadline', async () => {
    const r = await xlsx((ws) => {
      ws.addRow(['编号', '任务内容', '时间要求']);
      ws.addRow([1, '甲项任务内容', '2020年']);
      ws.addRow([2, '乙项任务内容', null]);
      ws.addRow([3, '丙项任务内容，2020年6月底前完成', null]);
      ws.addRow([4, '丁项任务内容', '2021年']);
      ws.addRow([5, '戊项任务内容', null]);
      ws.mergeCells('C2:C4');
    });
    expect(r.tasks.map((t) => [t.number, t.deadline, t.deadlineSource])).toEqual([
      [1, '2020-12-31', 'row'],
      [2, '2020-12-31', 'merged_cell'],
      [3, '2020-06-30', 'text'],
      [4, '2021-12-31', 'row'],
      [5, null, 'none'],
    ]);
    expect(kinds(r)).toEqual(['deadline_conflict', 'missing_deadline']);
  });

  it('reads a heading merged across the row as a section, a merged number cell as one task, and real dates', async () => {
    const r = await xlsx((ws) => {
      ws.addRow(['序号', '工作任务', '完成时限']);
      ws.addRow(['一、组织领导', null, null]);
      ws.mergeCells('A2:C2');
      ws.addRow([1, '（1）成立领导小组', new Date(Date.UTC(2022, 5, 30))]);
      ws.addRow([null, '（2）制定实施方案', null]);
      ws.mergeCells('A3:A4');
      ws.addRow([2, '开展督导检查', { formula: '"2022年"', result: '2022年' }]);
    });
    expect(r.tasks).toEqual([
      expect.objectContaining({ number: 1, section: '一、组织领导', deadline: '2022-06-30', subItems: [{ number: 1, text: '成立领导小组' }, { number: 2, text: '制定实施方案' }] }),
      expect.objectContaining({ number: 2, section: '一、组织领导', deadline: '2022-12-31' }),
    ]);
    expect(r.problems).toEqual([]);
  });

  it('reads the first sheet with content and names the others it did not read', async () => {
    const r = await xlsx((ws, wb) => {
      ws.addRow(['序号', '工作任务', '完成时限']);
      ws.addRow([1, '甲项任务', '2022年']);
      wb.addWorksheet('说明').addRow(['填表说明']);
    });
    expect(r.tasks).toHaveLength(1);
    expect(kinds(r)).toEqual(['ignored_sheet']);
  });

  it('refuses bytes that are not a workbook, naming the field', async () => {
    const err = await readCampaignTaskList({ format: 'xlsx', content: Buffer.from('hello').toString('base64') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Invalid);
    expect((err as Invalid).details).toEqual([expect.objectContaining({ path: 'content' })]);
  });
});

describe('campaign import service', () => {
  const user = (role: Principal['role']): Principal => ({ kind: 'user', id: 'u', name: 'u', role, regionCode: '140100', enterpriseId: null });

  it('checks access first and refuses content over 10 MB', async () => {
    const svc = createCampaignImportService();
    await expect(svc.preview(user('inspector'), { format: 'text', content: '1、任务' })).rejects.toBeInstanceOf(Forbidden);
    await expect(svc.preview(user('county_officer'), { format: 'text', content: 'x'.repeat(10 * 1024 * 1024 + 1) })).rejects.toBeInstanceOf(TooLarge);
    await expect(svc.preview(user('county_officer'), { format: 'text', content: '1、开展培训' })).resolves.toMatchObject({ tasks: [{ number: 1 }] });
  });
});
