import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

describe.each(STORE_KINDS)('88号 catalogue completed by an administrator (%s)', (kind) => {
  let t: TestNode;
  let site: { id: string };
  let officer: { token: string };
  let inspector: { token: string };

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const e = await makeEnterprise(t, t.adminToken);
    site = await makeSite(t, t.adminToken, e, { kind: 'underground', damType: undefined, damHeight: undefined, totalStorage: undefined });
    officer = await makeUser(t, t.adminToken, { username: `cco-${kind}`, role: 'county_officer', region: e.region });
    inspector = await makeUser(t, t.adminToken, { username: `cin-${kind}`, role: 'inspector', region: e.region });
  });
  afterAll(async () => t?.cleanup());

  it('adds a missing item, corrects one, keeps the history, and hazards may cite the new one', async () => {
    const add = await t.req('PUT', '/api/v1/dualprev/criteria/88-UG-07-1', {
      token: t.adminToken,
      body: { section: 'underground', number: '地下(七)1', text: '（据官方文本补录的条文）', source: '矿安〔2022〕88号 官方文本', confirmed: true },
    });
    expect(add.status).toBe(200);
    const fix = await t.req('PUT', '/api/v1/dualprev/criteria/88-UG-06', { token: t.adminToken, body: { confirmed: true, note: '编号已核对官方文本' } });
    expect(fix.body).toMatchObject({ id: '88-UG-06', number: '地下(六)', confirmed: true });
    const list = await t.req('GET', '/api/v1/dualprev/criteria?section=underground', { token: officer.token });
    expect(list.body.items.find((c: { id: string }) => c.id === '88-UG-07-1')).toMatchObject({ confirmed: true });
    const h = await t.req('GET', '/api/v1/dualprev/criteria/88-UG-06/history', { token: officer.token });
    expect(h.body.items[0].changes.from.confirmed).toBe(false);
    expect((await t.req('PUT', '/api/v1/dualprev/criteria/88-UG-06', { token: officer.token, body: { confirmed: false } })).status).toBe(403);

    // An inspector reports what was found on site, citing the item just added.
    const r = await t.req('POST', '/api/v1/hazards', { token: inspector.token, body: { site: site.id, description: '主水泵房排水能力不足', grade: 'major', deadline: Date.now() + 86_400_000, criterion: '88-UG-07-1', source: 'inspection', sourceRef: 'INSP-1' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ criterion: '88-UG-07-1', source: 'inspection', reportedBy: expect.any(String) });
    // An officer supervises it; an inspector may not rectify.
    expect((await t.req('POST', `/api/v1/hazards/${r.body.id}/plan`, { token: inspector.token, body: { plan: { measures: 'x' } } })).status).toBe(403);
    const sup = await t.req('POST', `/api/v1/hazards/${r.body.id}/supervise`, { token: officer.token, body: { note: '列入县级挂牌督办' } });
    expect(sup.body.supervisedAt).toEqual(expect.any(Number));
  });
});
