import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

describe.each(STORE_KINDS)('risk register (%s)', (kind) => {
  let t: TestNode;
  let site: { id: string; code: string };
  let safety: { token: string };
  let staff: { token: string };
  let outsider: { token: string };
  let county: { token: string };

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const e = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const e2 = await makeEnterprise(t, t.adminToken, { region: '140105' });
    site = await makeSite(t, t.adminToken, e, { kind: 'underground', damType: undefined, damHeight: undefined, totalStorage: undefined });
    safety = await makeUser(t, t.adminToken, { username: `rs-${kind}`, role: 'enterprise_safety_officer', enterprise: e.id });
    staff = await makeUser(t, t.adminToken, { username: `rst-${kind}`, role: 'enterprise_staff', enterprise: e.id });
    outsider = await makeUser(t, t.adminToken, { username: `ro-${kind}`, role: 'enterprise_safety_officer', enterprise: e2.id });
    county = await makeUser(t, t.adminToken, { username: `rc-${kind}`, role: 'county_officer', region: '140105' });
  });
  afterAll(async () => t?.cleanup());

  const lec = (over: Record<string, unknown> = {}) => ({
    site: site.code,
    name: '竖井罐笼提升',
    method: 'LEC',
    L: 3,
    E: 6,
    C: 15,
    operation: 'hoisting',
    area: '副井',
    process: '提升机司机岗',
    hazardFactors: ['钢丝绳断丝超限', '过卷保护失效'],
    accidentTypes: ['起重伤害', '高处坠落'],
    measures: [{ kind: 'engineering', text: '设置过卷、过速保护', department: '机电科', person: '赵六', controlLevel: 'company' }],
    checkItems: ['保护装置是否试验有效'],
    ...over,
  });

  it('assesses by LEC and by the risk matrix, answering score and level', async () => {
    const r = await t.req('POST', '/api/v1/risks', { token: safety.token, body: lec() });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ score: 270, level: 'significant', method: 'LEC', L: 3, E: 6, C: 15, S: null, operation: 'hoisting', version: 1, site: site.id });
    expect(r.body.measures[0]).toMatchObject({ department: '机电科', person: '赵六', controlLevel: 'company' });
    const ls = await t.req('POST', '/api/v1/risks', { token: safety.token, body: { site: site.id, name: '采空区', method: 'LS', L: 4, S: 5 } });
    expect(ls.body).toMatchObject({ score: 20, level: 'major', E: null, C: null, S: 5 });
    const low = await t.req('POST', '/api/v1/risks', { token: safety.token, body: { site: site.id, name: '办公区', method: 'LS', L: 2, S: 4 } });
    expect(low.body.level).toBe('low');
  });

  it('refuses factors off the scale or of the other method', async () => {
    const off = await t.req('POST', '/api/v1/risks', { token: safety.token, body: lec({ L: 5 }) });
    expect(off.status).toBe(422);
    expect(off.body.error.details[0].path).toBe('L');
    const mixed = await t.req('POST', '/api/v1/risks', { token: safety.token, body: { site: site.id, name: 'x', method: 'LS', L: 2, S: 3, C: 15 } });
    expect(mixed.status).toBe(422);
    expect(mixed.body.error.details[0].path).toBe('C');
  });

  it('re-assesses keeping the previous score in the history, with versions', async () => {
    const r = (await t.req('POST', '/api/v1/risks', { token: safety.token, body: lec({ name: '主井提升' }) })).body;
    const rev = await t.req('POST', `/api/v1/risks/${r.id}/review`, { token: safety.token, body: { method: 'LEC', L: 1, E: 6, C: 15, reason: '更换钢丝绳并增设保护', version: 1 } });
    expect(rev.status).toBe(200);
    expect(rev.body).toMatchObject({ score: 90, level: 'general', version: 2 });
    expect(rev.body.history).toEqual([expect.objectContaining({ method: 'LEC', L: 3, E: 6, C: 15, score: 270, level: 'significant' })]);
    const stale = await t.req('POST', `/api/v1/risks/${r.id}/review`, { token: safety.token, body: { method: 'LS', L: 1, S: 1, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.version).toBe(2);
    const patched = await t.req('PATCH', `/api/v1/risks/${r.id}`, { token: safety.token, body: { person: '钱七', version: 2 } });
    expect(patched.body).toMatchObject({ person: '钱七', score: 90, version: 3 });
  });

  it('makes one risk of a create sent twice with a client id', async () => {
    const id = uuidv7();
    const a = await t.req('POST', '/api/v1/risks', { token: safety.token, body: lec({ id, name: '斜坡道运输' }) });
    const b = await t.req('POST', '/api/v1/risks', { token: safety.token, body: lec({ id, name: '斜坡道运输' }) });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body).toEqual(a.body);
  });

  it('lists by level in scope, counts by level, and keeps staff and other enterprises out', async () => {
    const list = await t.req('GET', `/api/v1/risks?site=${site.code}&level=major`, { token: county.token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
    expect(list.body.items.every((r: { level: string }) => r.level === 'major')).toBe(true);
    const stats = await t.req('GET', '/api/v1/risks/stats?region=140105', { token: county.token });
    expect(stats.body.byLevel.major).toBeGreaterThanOrEqual(1);
    expect(stats.body.total).toBe(Object.values(stats.body.byLevel as Record<string, number>).reduce((x, y) => x + y, 0));
    expect((await t.req('POST', '/api/v1/risks', { token: staff.token, body: lec() })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/risks', { token: outsider.token })).body.total).toBe(0);
    expect((await t.req('GET', `/api/v1/risks/${list.body.items[0].id}`, { token: outsider.token })).status).toBe(404);
  });

  it('serves the criteria, templates and bands with their sources', async () => {
    const c = await t.req('GET', '/api/v1/dualprev/criteria?section=tailings_pond', { token: staff.token });
    expect(c.body.items.map((x: { id: string }) => x.id)).toContain('88-TP-MON-2');
    const tpl = await t.req('GET', '/api/v1/dualprev/templates?siteKind=underground&operation=blasting', { token: staff.token });
    expect(tpl.body.items.length).toBeGreaterThanOrEqual(2);
    const s = await t.req('GET', '/api/v1/dualprev/settings', { token: staff.token });
    expect(s.body.riskBands.LEC).toMatchObject({ confirmed: false });
    const put = await t.req('PUT', '/api/v1/dualprev/settings', {
      token: t.adminToken,
      body: { riskBands: { LS: { bands: [{ level: 'major', min: 16 }, { level: 'significant', min: 12 }, { level: 'general', min: 6 }, { level: 'low', min: 1 }], source: '某市指南（测试）', confirmed: false } } },
    });
    expect(put.status).toBe(200);
    const r = await t.req('POST', '/api/v1/risks', { token: safety.token, body: { site: site.id, name: '排土场', method: 'LS', L: 4, S: 4 } });
    expect(r.body.level).toBe('major');
    expect((await t.req('PUT', '/api/v1/dualprev/settings', { token: safety.token, body: {} })).status).toBe(403);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await t.req('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    for (const p of ['/api/v1/risks', '/api/v1/risks/stats', '/api/v1/hazards', '/api/v1/hazards/stats', '/api/v1/hazards/{id}/verify']) expect(Object.keys(doc.body.paths)).toContain(p);
  });
});
