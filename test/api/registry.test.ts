import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { creditCode, makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

describe('registry API', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('creates an enterprise and a tailings pond, deriving the grade with its explanation', async () => {
    const e = await makeEnterprise(t, t.adminToken);
    const s = await makeSite(t, t.adminToken, e, { totalStorage: 1200, damHeight: 45 });
    expect(s.grade).toBe(3);
    const got = await t.req('GET', `/api/v1/sites/${s.code}`, { token: t.adminToken });
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(s.id);
    expect(got.body.regionName).toBe('小店区');
    expect(got.body.enterpriseName).toMatch(/^测试矿业有限公司/);
    expect(got.body.gradeDerivation.grade).toBe(3);
    expect(got.body.gradeDerivation.byStorage).toBe(3);
    expect(got.body.gradeDerivation.byHeight).toBe(4);
  });

  it('refuses bad input with the field and the reason, writing nothing', async () => {
    const bad = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: { name: 'X', creditCode: '91140105MA0KXXXX12', region: '140105' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('creditCode');
    const region = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: { name: 'X', creditCode: creditCode(9001), region: '149999' } });
    expect(region.status).toBe(422);
    expect(region.body.error.details[0].path).toBe('region');
    const unknownField = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: { name: 'X', creditCode: creditCode(9002), region: '140105', colour: 'red' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toMatch(/colour/);
    const wrongType = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: { name: 42, creditCode: creditCode(9003), region: '140105' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0].path).toBe('body.name');
    const long = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: { name: 'x'.repeat(201), creditCode: creditCode(9004), region: '140105' } });
    expect(long.status).toBe(400);
    const malformed = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const list = await t.req('GET', '/api/v1/enterprises?q=X', { token: t.adminToken });
    expect(list.body.items.filter((e: { name: string }) => e.name === 'X')).toHaveLength(0);
  });

  it('refuses duplicate credit codes and site codes with 409', async () => {
    const e = await makeEnterprise(t, t.adminToken);
    const dup = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: { name: 'Y', creditCode: e.creditCode, region: '140105' } });
    expect(dup.status).toBe(409);
    const s = await makeSite(t, t.adminToken, e);
    const dupSite = await t.req('POST', '/api/v1/sites', { token: t.adminToken, body: { code: s.code, name: 'Z', kind: 'underground', region: '140105', enterprise: e.id } });
    expect(dupSite.status).toBe(409);
  });

  it('refuses pond fields on a mine and a site placed in a city', async () => {
    const e = await makeEnterprise(t, t.adminToken);
    const r = await t.req('POST', '/api/v1/sites', { token: t.adminToken, body: { code: 'UG-1', name: '井', kind: 'underground', region: '140100', enterprise: e.id, damHeight: 10 } });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['damHeight', 'region']);
  });

  it('edits with optimistic concurrency and keeps the history', async () => {
    const e = await makeEnterprise(t, t.adminToken);
    const s = await makeSite(t, t.adminToken, e, { totalStorage: 50, damHeight: 20 });
    expect(s.grade).toBe(5);
    const ok = await t.req('PATCH', `/api/v1/sites/${s.id}`, { token: t.adminToken, body: { version: 1, totalStorage: 12000, damHeight: 120 } });
    expect(ok.status).toBe(200);
    expect(ok.body.grade).toBe(2);
    expect(ok.body.version).toBe(2);
    const stale = await t.req('PATCH', `/api/v1/sites/${s.id}`, { token: t.adminToken, body: { version: 1, name: '旧版本' } });
    expect(stale.status).toBe(409);
    const h = await t.req('GET', `/api/v1/sites/${s.id}/history`, { token: t.adminToken });
    expect(h.body.items.map((x: { op: string }) => x.op)).toEqual(['update', 'create']);
    expect(h.body.items[0].changes.totalStorage).toEqual({ from: 50, to: 12000 });
    expect(h.body.items[0].changes.grade).toEqual({ from: 5, to: 2 });
  });

  it('lists with filters, paging and sorting', async () => {
    const e = await makeEnterprise(t, t.adminToken, { region: '140106' });
    for (const [i, kind] of (['underground', 'open_pit', 'tailings_pond'] as const).entries()) {
      await makeSite(t, t.adminToken, e, kind === 'tailings_pond' ? { name: `排序${i}` } : { kind, name: `排序${i}`, damType: undefined, damHeight: undefined, totalStorage: undefined });
    }
    const r = await t.req('GET', `/api/v1/sites?enterprise=${e.id}&sort=-name&limit=2`, { token: t.adminToken });
    expect(r.body.total).toBe(3);
    expect(r.body.items.map((s: { name: string }) => s.name)).toEqual(['排序2', '排序1']);
    const ponds = await t.req('GET', `/api/v1/sites?enterprise=${e.id}&kind=tailings_pond`, { token: t.adminToken });
    expect(ponds.body.total).toBe(1);
    const region = await t.req('GET', '/api/v1/enterprises?region=140106', { token: t.adminToken });
    expect(region.body.items.every((x: { region: string }) => x.region === '140106')).toBe(true);
  });

  it('serves regions and the OpenAPI document', async () => {
    const r = await t.req('GET', '/api/v1/regions?parent=140000', { token: t.adminToken });
    expect(r.body).toHaveLength(11);
    expect(r.body[0]).toMatchObject({ code: '140100', name: '太原市', level: 'city' });
    const o = await t.req('GET', '/api/v1/openapi.json');
    expect(o.status).toBe(200);
    expect(o.body.openapi).toMatch(/^3\./);
    expect(Object.keys(o.body.paths)).toEqual(expect.arrayContaining(['/api/v1/sites', '/api/v1/enterprises/{id}', '/api/v1/auth/login']));
  });
});
