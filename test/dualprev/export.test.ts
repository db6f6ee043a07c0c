import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

/** The hazard ledger and its statistics as Excel workbooks, in the caller's scope. */
describe.each(STORE_KINDS)('hazard ledger in Excel (%s)', (kind) => {
  let t: TestNode;
  let safety: { token: string };
  let outsider: { token: string };

  async function workbook(url: string, token: string) {
    const r = await t.node.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const e = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const e2 = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const site = await makeSite(t, t.adminToken, e);
    safety = await makeUser(t, t.adminToken, { username: `hx-${kind}`, role: 'enterprise_safety_officer', enterprise: e.id });
    outsider = await makeUser(t, t.adminToken, { username: `hxo-${kind}`, role: 'enterprise_safety_officer', enterprise: e2.id });
    await t.req('POST', '/api/v1/hazards', { token: safety.token, body: { site: site.id, description: '排洪井盖板破损', grade: 'general', deadline: '2030-01-31' } });
    const major = await t.req('POST', '/api/v1/hazards', { token: safety.token, body: { site: site.id, description: '坝体高度超过设计总坝高', grade: 'major', deadline: '2030-01-31', criterion: '88-TP-C' } });
    await t.req('POST', `/api/v1/hazards/${major.body.id}/plan`, { token: safety.token, body: { plan: { measures: '停止排尾，委托设计加高', funds: 800000, people: '总经理', deadline: '2030-01-31', interimMeasures: '降低库水位' } } });
  });
  afterAll(async () => t?.cleanup());

  it('streams the ledger with a row per hazard in scope', async () => {
    const rows = await workbook('/api/v1/hazards.xlsx', safety.token);
    expect(rows[0]).toContain('隐患描述');
    expect(rows).toHaveLength(3);
    const major = rows.find((r) => r.includes('坝体高度超过设计总坝高'))!;
    expect(major[1]).toMatch(/（.+）$/);
    expect(major).toEqual(expect.arrayContaining(['重大隐患', '88-TP-C', '停止排尾，委托设计加高', 800000, '总经理', '整改中']));
    expect(await workbook('/api/v1/hazards.xlsx?grade=general', safety.token)).toHaveLength(2);
    expect(await workbook('/api/v1/hazards.xlsx', outsider.token)).toHaveLength(1);
  });

  it('writes the statistics by grade', async () => {
    const rows = await workbook('/api/v1/hazards/stats.xlsx?from=2020-01-01', safety.token);
    expect(rows[0]).toEqual(['类别', '排查发现', '已整改', '按期整改', '逾期', '按期整改率']);
    expect(rows[1]).toEqual(['合计', 2, 0, 0, 0, '—']);
    expect(rows[3]).toEqual(['重大隐患', 1, 0, 0, 0, '—']);
  });
});
