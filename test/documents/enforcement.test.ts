import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';
import { printed, squeeze } from './pdf.ts';

describe.each(STORE_KINDS)('enforcement documents (%s)', (kind) => {
  let t: TestNode;
  let county: { token: string };
  let inspector: { token: string };
  let otherCounty: { token: string };
  let principal: { token: string };
  let safety: { token: string };
  let enterprise: { id: string; region: string };
  let site: { id: string; code: string };
  const name = `晋源矿业有限公司${kind}`;

  beforeAll(async () => {
    t = await makeTestNode(kind);
    enterprise = await makeEnterprise(t, t.adminToken, { name, region: '140105', address: '太原市小店区龙城大街1号' });
    site = await makeSite(t, t.adminToken, enterprise, { name: '西沟尾矿库' });
    county = await makeUser(t, t.adminToken, { username: `dc-${kind}`, role: 'county_officer', region: '140105' });
    inspector = await makeUser(t, t.adminToken, { username: `di-${kind}`, role: 'inspector', region: '140105' });
    otherCounty = await makeUser(t, t.adminToken, { username: `do-${kind}`, role: 'county_officer', region: '140106' });
    principal = await makeUser(t, t.adminToken, { username: `dp-${kind}`, role: 'enterprise_principal', enterprise: enterprise.id });
    safety = await makeUser(t, t.adminToken, { username: `ds-${kind}`, role: 'enterprise_safety_officer', enterprise: enterprise.id });
  });
  afterAll(async () => t?.cleanup());

  const post = async (url: string, token: string, body: unknown = {}) => {
    const r = await t.req('POST', url, { token, body });
    if (r.status >= 300) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  async function inspection(findings: { description: string; basis?: string; deadline?: string; grade?: string }[]) {
    const i = await post('/api/v1/inspections', inspector.token, { site: site.id, kind: 'in_depth', at: '2026-12-05T09:30:00+08:00', inspectors: ['王明', '李强'], notes: '检查了排洪设施和坝体。' });
    const made = [];
    for (const f of findings) made.push(await post(`/api/v1/inspections/${i.id}/findings`, inspector.token, { grade: 'general', ...f }));
    return { id: i.id as string, findings: made as { id: string; hazard: string | null }[] };
  }

  it('prints the on-site record and the order once the inspection is completed, 409 before', async () => {
    const i = await inspection([{ description: '排洪井井壁开裂', basis: '《尾矿库安全规程》', deadline: '2026-12-31' }, { description: '坝面未设排水沟', deadline: '2027-01-15' }]);
    const early = await printed(t, `/api/v1/inspections/${i.id}/documents/record`, county.token);
    expect(early.status).toBe(409);
    expect(early.error).toMatchObject({ code: 'not_completed' });
    expect(early.error!.message).toMatch(/not completed.*检查尚未完成/);

    const done = await post(`/api/v1/inspections/${i.id}/complete`, county.token);
    const record = await printed(t, `/api/v1/inspections/${i.id}/documents/record`, county.token);
    expect(record.status).toBe(200);
    expect(record.headers['content-type']).toBe('application/pdf');
    expect(String(record.headers['content-disposition'])).toMatch(/^inline; filename=/);
    const text = squeeze(record.text);
    for (const s of ['现场检查记录', done.recordNumber, name, '西沟尾矿库', '排洪井井壁开裂', '《尾矿库安全规程》', '2026年12月31日', '王明、李强', '太原市小店区应急管理局', '2026年12月5日9时30分', '第1页共1页']) expect(text).toContain(squeeze(s));

    const order = await printed(t, `/api/v1/inspections/${i.id}/documents/order`, county.token);
    expect(order.status).toBe(200);
    const o = squeeze(order.text);
    for (const s of ['责令限期整改指令书', done.orderNumber, `${name}：`, '坝面未设排水沟', '2027年1月15日', done.recordNumber, '行政复议']) expect(o).toContain(squeeze(s));
  });

  it('answers 409 for the order of an inspection that found nothing, and 404 to another county', async () => {
    const i = await inspection([]);
    await post(`/api/v1/inspections/${i.id}/complete`, county.token);
    expect((await printed(t, `/api/v1/inspections/${i.id}/documents/record`, county.token)).status).toBe(200);
    const order = await printed(t, `/api/v1/inspections/${i.id}/documents/order`, county.token);
    expect(order.status).toBe(409);
    expect(order.error!.code).toBe('no_order');
    for (const doc of ['record', 'order', 'review']) expect((await printed(t, `/api/v1/inspections/${i.id}/documents/${doc}`, otherCounty.token)).status).toBe(404);
    // The enterprise reads its own inspections, and so their documents.
    expect((await printed(t, `/api/v1/inspections/${i.id}/documents/record`, principal.token)).status).toBe(200);
  });

  it('prints the review from the hazards that follow the findings up', async () => {
    const i = await inspection([{ description: '排渗设施失效', deadline: '2026-12-20' }, { description: '监测设施损坏', deadline: '2026-12-25' }]);
    const done = await post(`/api/v1/inspections/${i.id}/complete`, county.token);
    // The first finding's hazard, opened by the finding itself where the ledger is wired to it, else reported from it.
    const hazard = i.findings[0]!.hazard ?? (await post('/api/v1/hazards', inspector.token, { site: site.id, description: '排渗设施失效', grade: 'general', deadline: '2026-12-20', source: 'inspection', sourceRef: i.findings[0]!.id })).id;
    await post(`/api/v1/hazards/${hazard}/rectify`, safety.token, { note: '已更换排渗管' });
    await post(`/api/v1/hazards/${hazard}/verify`, principal.token, { note: '现场验收合格' });

    const review = await printed(t, `/api/v1/inspections/${i.id}/documents/review`, county.token);
    expect(review.status).toBe(200);
    const r = squeeze(review.text);
    for (const s of ['整改复查意见书', done.orderNumber.replace('责改', '复查'), done.orderNumber, name, '排渗设施失效', '已验收', '复查合格', '监测设施损坏', '复查不合格', '第2项问题尚未整改完毕']) expect(r).toContain(squeeze(s));
  });

  it('prints the penalty decision of a closed case, 409 while it is open', async () => {
    const c = await post('/api/v1/cases', county.token, { kind: 'beyond_boundary', title: '越界开采', enterprise: enterprise.id, site: site.id, description: '超出采矿许可范围开采铁矿石约三千吨', suspect: '张三' });
    const open = await printed(t, `/api/v1/cases/${c.id}/documents/decision`, county.token);
    expect(open.status).toBe(409);
    expect(open.error!.code).toBe('not_closed');
    await post(`/api/v1/cases/${c.id}/close`, county.token, { reason: '调查终结', outcome: '责令停止违法行为，没收违法所得' });
    const d = await printed(t, `/api/v1/cases/${c.id}/documents/decision`, county.token);
    expect(d.status).toBe(200);
    const text = squeeze(d.text);
    for (const s of ['行政处罚决定书', name, '超层越界', '超出采矿许可范围开采铁矿石约三千吨', '责令停止违法行为，没收违法所得', '太原市小店区应急管理局']) expect(text).toContain(squeeze(s));
    expect((await printed(t, `/api/v1/cases/${c.id}/documents/decision`, otherCounty.token)).status).toBe(404);
    expect((await printed(t, `/api/v1/cases/${c.id}/documents/decision`, principal.token)).status).toBe(403);
  });
});
