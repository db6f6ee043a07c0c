import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';
import { printed, squeeze } from './pdf.ts';

describe.each(STORE_KINDS)('risk notice board and post cards (%s)', (kind) => {
  let t: TestNode;
  let safety: { token: string };
  let county: { token: string };
  let otherCounty: { token: string };
  let site: { id: string; code: string };
  let empty: { id: string };
  let enterpriseId: string;
  const name = `汾河矿业有限公司${kind}`;
  const risks: Record<string, { id: string }> = {};

  const risk = (over: Record<string, unknown>) => ({
    site: site.id,
    method: 'LS',
    area: '-120m中段',
    operation: 'hoisting',
    hazardFactors: ['钢丝绳断丝超限', '过卷保护失效'],
    accidentTypes: ['起重伤害', '高处坠落'],
    measures: [
      { kind: 'engineering', text: '设置过卷过速保护', person: '钱七' },
      { kind: 'emergency', text: '发生卡罐立即停车撤人' },
    ],
    controlLevel: 'company',
    department: '机电科',
    person: '钱七',
    ...over,
  });

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const e = await makeEnterprise(t, t.adminToken, { name, region: '140105', safetyOfficer: { name: '赵六', phone: '13900000001' }, contacts: [{ name: '钱七', role: '机电科长', phone: '13900000002' }] });
    enterpriseId = e.id;
    site = await makeSite(t, t.adminToken, e, { name: '汾河铁矿', kind: 'underground', damType: undefined, damHeight: undefined, totalStorage: undefined });
    empty = await makeSite(t, t.adminToken, e, { name: '空场所', kind: 'underground', damType: undefined, damHeight: undefined, totalStorage: undefined });
    safety = await makeUser(t, t.adminToken, { username: `rds-${kind}`, role: 'enterprise_safety_officer', enterprise: e.id });
    county = await makeUser(t, t.adminToken, { username: `rdc-${kind}`, role: 'county_officer', region: '140105' });
    otherCounty = await makeUser(t, t.adminToken, { username: `rdo-${kind}`, role: 'county_officer', region: '140106' });
    const make = async (key: string, body: Record<string, unknown>) => {
      const r = await t.req('POST', '/api/v1/risks', { token: safety.token, body: risk(body) });
      if (r.status !== 201) throw new Error(`risk: ${r.status} ${JSON.stringify(r.body)}`);
      risks[key] = r.body;
    };
    await make('hoist', { name: '主井提升', process: '提升机司机岗', L: 4, S: 5 });
    await make('goaf', { name: '采空区', process: '采矿工岗', L: 3, S: 5, hazardFactors: ['顶板冒落'] });
    await make('haul', { name: '井下运输', process: '电机车司机岗', L: 3, S: 3 });
    await make('office', { name: '办公区', process: '行政岗', L: 1, S: 2, measures: [] });
  });
  afterAll(async () => t?.cleanup());

  it('prints the board grouped by level under colour bands, with measures and responsible people', async () => {
    const b = await printed(t, `/api/v1/sites/${site.code}/documents/risk-board`, county.token);
    expect(b.status).toBe(200);
    expect(b.headers['content-type']).toBe('application/pdf');
    const text = squeeze(b.text);
    for (const s of ['安全风险公告栏', name, '汾河铁矿', '重大风险（红色）1处', '较大风险（橙色）1处', '一般风险（黄色）1处', '低风险（蓝色）1处', '提升机司机岗', '钢丝绳断丝超限', '设置过卷', '发生卡罐', '13900000002', '赵六（13900000001）']) expect(text).toContain(squeeze(s));
    // Higher levels come first.
    expect(text.indexOf('重大风险（红色）1处')).toBeLessThan(text.indexOf('低风险（蓝色）1处'));
    const none = await printed(t, `/api/v1/sites/${empty.id}/documents/risk-board`, safety.token);
    expect(squeeze(none.text)).toContain('本场所尚未登记风险点');
  });

  it('prints a post card with its level band and a QR code to the public card', async () => {
    const c = await printed(t, `/api/v1/risks/${risks.hoist!.id}/documents/card`, safety.token);
    expect(c.status).toBe(200);
    expect(c.pages).toBe(1);
    const text = squeeze(c.text);
    for (const s of ['岗位安全风险告知卡', '风险等级：重大风险（红色）', '提升机司机岗', '过卷保护失效', '起重伤害、高处坠落', '设置过卷过速保护', '发生卡罐立即停车撤人', '钱七（13900000002）', '扫码查看本卡最新内容', `/public/risk-card/${risks.hoist!.id}`]) expect(text).toContain(squeeze(s));
    // The QR code is an image of its own in the page (pdfimages lists it: type, size, colour…).
    expect(c.images).toHaveLength(1);
    expect(c.images[0]).toMatch(/image/);
  });

  it('prints every card of a site in one PDF, a page and a QR code each', async () => {
    const all = await printed(t, `/api/v1/sites/${site.id}/documents/risk-cards`, county.token);
    expect(all.status).toBe(200);
    expect(all.pages).toBe(4);
    expect(all.images).toHaveLength(4);
    const text = squeeze(all.text);
    for (const s of ['提升机司机岗', '采矿工岗', '电机车司机岗', '行政岗', '顶板冒落', '第4页']) expect(text).toContain(s);
  });

  it('answers the card’s current content without a token, after a re-assessment too, and nothing sensitive', async () => {
    const id = risks.haul!.id;
    const before = await t.req('GET', `/api/v1/public/risk-cards/${id}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ id, post: '电机车司机岗', level: 'general', levelLabel: '一般风险', colour: 'yellow', hazards: ['钢丝绳断丝超限', '过卷保护失效'], emergency: ['发生卡罐立即停车撤人'], site: '汾河铁矿' });
    expect(before.body.measures).toEqual([{ kind: 'engineering', kindLabel: '工程技术措施', text: '设置过卷过速保护' }]);
    const raw = JSON.stringify(before.body);
    for (const secret of ['1390000', '钱七', '赵六', '机电科', 'region', enterpriseId, site.id, '140105']) expect(raw).not.toContain(secret);

    const review = await t.req('POST', `/api/v1/risks/${id}/review`, { token: safety.token, body: { method: 'LS', L: 4, S: 5, reason: '运输巷道延伸', version: 1 } });
    expect(review.status).toBe(200);
    const after = await t.req('GET', `/api/v1/public/risk-cards/${id}`);
    expect(after.body).toMatchObject({ level: 'major', levelLabel: '重大风险', colour: 'red', version: 2 });
    const card = await printed(t, `/api/v1/risks/${id}/documents/card`, safety.token);
    expect(squeeze(card.text)).toContain('风险等级：重大风险（红色）');

    expect((await t.req('GET', '/api/v1/public/risk-cards/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await t.req('GET', '/api/v1/public/risk-cards/nothing-here')).status).toBe(404);
  });

  it('answers 404 to another county and to an unknown site or risk', async () => {
    expect((await printed(t, `/api/v1/sites/${site.id}/documents/risk-board`, otherCounty.token)).status).toBe(404);
    expect((await printed(t, `/api/v1/sites/${site.id}/documents/risk-cards`, otherCounty.token)).status).toBe(404);
    expect((await printed(t, `/api/v1/risks/${risks.hoist!.id}/documents/card`, otherCounty.token)).status).toBe(404);
    expect((await printed(t, '/api/v1/risks/01900000-0000-7000-8000-000000000000/documents/card', county.token)).status).toBe(404);
    expect((await printed(t, `/api/v1/risks/${risks.hoist!.id}/documents/card`)).status).toBe(401);
  });
});
