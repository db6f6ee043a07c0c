import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { creditCode, makeEnterprise } from '../support/factories.ts';

describe('bulk import', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('imports good CSV rows and reports every bad one with its line and reason', async () => {
    const csv = [
      '企业名称,统一社会信用代码,行政区划代码,主要负责人,备注',
      `甲铁矿有限公司,${creditCode(501, '140923')},140923,王一,x`,
      `乙铁矿有限公司,91140923MA0K0000XX,140923,王二,`,
      `丙铁矿有限公司,${creditCode(503, '140924')},149999,王三,`,
      '',
      `丁铁矿有限公司,${creditCode(504, '140924')},140924,王四,`,
      `重复公司,${creditCode(501, '140923')},140923,王五,`,
    ].join('\n');
    const r = await t.req('POST', '/api/v1/import/enterprises', { token: t.adminToken, body: { format: 'csv', content: csv } });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(2);
    const byLine = Object.fromEntries(r.body.errors.map((e: { line: number; field: string }) => [`${e.line}:${e.field}`, e]));
    expect(Object.keys(byLine).sort()).toEqual(['1:备注', '3:creditCode', '4:region', '7:creditCode'].sort());
    expect(byLine['7:creditCode'].reason).toMatch(/exists|already/);
    const list = await t.req('GET', '/api/v1/enterprises?region=140900', { token: t.adminToken });
    expect(list.body.items.map((e: { name: string }) => e.name).sort()).toEqual(['丁铁矿有限公司', '甲铁矿有限公司']);
  });

  it('imports sites from XLSX, resolving the enterprise by its credit code and Chinese labels', async () => {
    const e = await makeEnterprise(t, t.adminToken, { region: '140827' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('矿山');
    ws.addRow(['编码', '名称', '类型', '行政区划代码', '企业统一社会信用代码', '状态', '总坝高(米)', '总库容(万立方米)', '筑坝方式', '头顶库']);
    ws.addRow(['YQ-TP-9', '十八河二期', '尾矿库', '140827', e.creditCode, '生产', 126, 11500, '上游式', '否']);
    ws.addRow(['YQ-UG-9', '铜矿峪深部', '地下矿山', '140827', e.creditCode, '基建', null, null, null, null]);
    ws.addRow(['YQ-X-9', '坏行', '煤矿', '140827', e.creditCode, '生产', 'abc', null, null, '也许']);
    ws.addRow(['YQ-Y-9', '无主', '露天矿山', '140827', '91000000MA0000000X', '生产', null, null, null, null]);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await t.req('POST', '/api/v1/import/sites', { token: t.adminToken, body: { format: 'xlsx', content } });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(2);
    const lines = r.body.errors.map((x: { line: number; field: string }) => `${x.line}:${x.field}`).sort();
    expect(lines).toEqual(['4:damHeight', '4:headsUp', '4:kind', '5:enterpriseCreditCode']);
    const pond = await t.req('GET', '/api/v1/sites/YQ-TP-9', { token: t.adminToken });
    expect(pond.body).toMatchObject({ kind: 'tailings_pond', grade: 2, damType: 'upstream', headsUp: false, status: 'producing' });
  });

  it('refuses a file without the required columns, naming them', async () => {
    const r = await t.req('POST', '/api/v1/import/sites', { token: t.adminToken, body: { format: 'csv', content: '名称\n甲' } });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/code, kind, region/);
  });

  it('serves a template whose header the importer reads back', async () => {
    const r = await t.req('GET', '/api/v1/import/templates/sites.csv', { token: t.adminToken });
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('编码,名称,类型,行政区划代码');
  });
});
