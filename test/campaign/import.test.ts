import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeUser } from '../support/factories.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seed = fs.readFileSync(path.resolve(repoRoot, '..', 'shared', 'seed', '000_279fa9b8751bc82b.txt'), 'utf8');
const URL = '/api/v1/campaigns/import';

describe('POST /api/v1/campaigns/import', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('reads the seed letter’s task list and reports its defects', async () => {
    const r = await t.req('POST', URL, { token: t.adminToken, body: { format: 'text', content: seed } });
    expect(r.status).toBe(200);
    expect(r.body.tasks).toHaveLength(34);
    expect(r.body.tasks.find((x: { number: number }) => x.number === 3)).toMatchObject({ deadline: '2022-06-30', deadlineSource: 'text' });
    const kinds = new Set(r.body.problems.map((p: { kind: string }) => p.kind));
    for (const k of ['missing_number', 'orphan_subitem', 'shifted_column', 'markup', 'near_duplicate', 'deadline_conflict']) expect(kinds).toContain(k);
    const problem = (kind: string) => r.body.problems.find((p: { kind: string }) => p.kind === kind);
    expect(problem('missing_number')).toMatchObject({ numbers: [13], line: 67, message: '第13项缺号（在第14项之前，第67行）', messageEn: 'Item 13 is missing from the sequence (before item 14, line 67)' });
    expect(problem('deadline_conflict')).toMatchObject({ numbers: [3], message: expect.stringMatching(/^第3项：文中时限“到2022年6月底前”.*不一致（以文中为准）$/) });
  });

  it('reads a CSV with 编号/任务内容/时间要求/责任单位 columns', async () => {
    const csv = ['编号,任务内容,时间要求,责任单位', '1,"建立健全安全生产责任制，层层落实",2022年6月底前,省应急厅', '2,开展采空区专项治理,,各市应急局', '3,完善尾矿库在线监测,2022年底前,'].join('\r\n');
    const r = await t.req('POST', URL, { token: t.adminToken, body: { format: 'csv', content: csv } });
    expect(r.status).toBe(200);
    expect(r.body.tasks.map((x: { number: number; deadline: string; responsible?: string }) => [x.number, x.deadline, x.responsible ?? null])).toEqual([
      [1, '2022-06-30', '省应急厅'],
      [2, '2022-06-30', '各市应急局'],
      [3, '2022-12-31', null],
    ]);
  });

  it('reads an XLSX whose deadline cells are merged over their group', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务清单');
    ws.addRow(['序号', '工作任务', '完成时限']);
    ws.addRow([1, '建立安全风险分级管控制度', '2021年']);
    ws.addRow([2, '完善隐患排查治理信息系统', null]);
    ws.addRow([3, '推进尾矿库四级联网', '2022年6月底前']);
    ws.mergeCells('C2:C3');
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await t.req('POST', URL, { token: t.adminToken, body: { format: 'xlsx', content } });
    expect(r.status).toBe(200);
    expect(r.body.tasks.map((x: { deadline: string; deadlineSource: string }) => [x.deadline, x.deadlineSource])).toEqual([
      ['2021-12-31', 'row'],
      ['2021-12-31', 'merged_cell'],
      ['2022-06-30', 'row'],
    ]);
    expect(r.body.problems).toEqual([]);
  });

  it('asks who is calling', async () => {
    const r = await t.req('POST', URL, { body: { format: 'text', content: '1、任务' } });
    expect(r.status).toBe(401);
  });

  it('refuses an enterprise user', async () => {
    const e = await makeEnterprise(t, t.adminToken);
    const u = await makeUser(t, t.adminToken, { username: 'campaign-staff', role: 'enterprise_staff', enterprise: e.id });
    const r = await t.req('POST', URL, { token: u.token, body: { format: 'text', content: '1、任务' } });
    expect(r.status).toBe(403);
  });

  it('lets an officer import', async () => {
    const u = await makeUser(t, t.adminToken, { username: 'campaign-officer', role: 'city_officer', region: '140100' });
    const r = await t.req('POST', URL, { token: u.token, body: { format: 'text', content: '1、开展执法检查 2022年底前' } });
    expect(r.status).toBe(200);
    expect(r.body.tasks).toEqual([expect.objectContaining({ number: 1, text: '开展执法检查', deadline: '2022-12-31' })]);
  });

  it('names the field of a corrupt xlsx and of bad base64 (422)', async () => {
    const corrupt = await t.req('POST', URL, { token: t.adminToken, body: { format: 'xlsx', content: Buffer.from('PK\u0003\u0004 not really a zip').toString('base64') } });
    expect(corrupt.status).toBe(422);
    expect(corrupt.body.error.details).toEqual([expect.objectContaining({ path: 'content' })]);
    const bad = await t.req('POST', URL, { token: t.adminToken, body: { format: 'xlsx', content: '这不是base64!' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/base64/);
  });

  it('refuses content over 10 MB with 413 and says why', async () => {
    const r = await t.req('POST', URL, { token: t.adminToken, body: { format: 'text', content: 'x'.repeat(10 * 1024 * 1024 + 1) } });
    expect(r.status).toBe(413);
    expect(r.body.error.message).toMatch(/at most 10 MB/);
  });
});
