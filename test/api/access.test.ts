import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { creditCode, makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

/** Reads and writes across regions and enterprises are refused; the same checks on both stores. */
describe.each(['sqlite', 'postgres'] as const)('access across regions and enterprises (%s)', (kind) => {
  let t: TestNode;
  let xiaodian: { id: string; region: string };
  let yingze: { id: string; region: string };
  let pondA: { id: string; code: string };
  let pondB: { id: string; code: string };
  let users: Record<string, { id: string; token: string }>;

  beforeAll(async () => {
    t = await makeTestNode(kind);
    xiaodian = await makeEnterprise(t, t.adminToken, { region: '140105' });
    yingze = await makeEnterprise(t, t.adminToken, { region: '140106' });
    pondA = await makeSite(t, t.adminToken, xiaodian);
    pondB = await makeSite(t, t.adminToken, yingze);
    users = {
      taiyuan: await makeUser(t, t.adminToken, { username: `ty_${kind}`, role: 'city_officer', region: '140100' }),
      datong: await makeUser(t, t.adminToken, { username: `dt_${kind}`, role: 'city_officer', region: '140200' }),
      xiaodianOfficer: await makeUser(t, t.adminToken, { username: `xd_${kind}`, role: 'county_officer', region: '140105' }),
      entA: await makeUser(t, t.adminToken, { username: `ea_${kind}`, role: 'enterprise_principal', enterprise: xiaodian.id }),
      staffA: await makeUser(t, t.adminToken, { username: `sa_${kind}`, role: 'enterprise_staff', enterprise: xiaodian.id }),
    };
  });
  afterAll(async () => t?.cleanup());

  it('lets a city officer see its counties and nothing of another city', async () => {
    const ty = await t.req('GET', '/api/v1/sites', { token: users.taiyuan!.token });
    expect(ty.body.items.map((s: { id: string }) => s.id).sort()).toEqual([pondA.id, pondB.id].sort());
    const dt = await t.req('GET', '/api/v1/sites', { token: users.datong!.token });
    expect(dt.body.total).toBe(0);
    const one = await t.req('GET', `/api/v1/sites/${pondA.code}`, { token: users.datong!.token });
    expect(one.status).toBe(404);
  });

  it('keeps a county officer to its county', async () => {
    const r = await t.req('GET', '/api/v1/enterprises', { token: users.xiaodianOfficer!.token });
    expect(r.body.items.map((e: { id: string }) => e.id)).toEqual([xiaodian.id]);
    const other = await t.req('GET', `/api/v1/enterprises/${yingze.id}`, { token: users.xiaodianOfficer!.token });
    expect(other.status).toBe(404);
    const create = await t.req('POST', '/api/v1/enterprises', { token: users.xiaodianOfficer!.token, body: { name: '越界', creditCode: creditCode(7777, '140106'), region: '140106' } });
    expect(create.status).toBe(403);
    const edit = await t.req('PATCH', `/api/v1/sites/${pondB.id}`, { token: users.xiaodianOfficer!.token, body: { version: 1, name: '改名' } });
    expect(edit.status).toBe(404);
  });

  it('keeps an enterprise user to its own enterprise', async () => {
    const list = await t.req('GET', '/api/v1/sites', { token: users.entA!.token });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([pondA.id]);
    expect((await t.req('GET', `/api/v1/sites/${pondB.id}`, { token: users.entA!.token })).status).toBe(404);
    const move = await t.req('PATCH', `/api/v1/sites/${pondA.id}`, { token: users.entA!.token, body: { version: 1, enterprise: yingze.id } });
    expect(move.status).toBe(403);
    const own = await t.req('PATCH', `/api/v1/sites/${pondA.id}`, { token: users.entA!.token, body: { version: 1, actualCapacity: 30 } });
    expect(own.status).toBe(200);
    const newEnt = await t.req('POST', '/api/v1/enterprises', { token: users.entA!.token, body: { name: '新企业', creditCode: creditCode(8888), region: '140105' } });
    expect(newEnt.status).toBe(403);
    const staffEdit = await t.req('PATCH', `/api/v1/sites/${pondA.id}`, { token: users.staffA!.token, body: { version: 2, actualCapacity: 31 } });
    expect(staffEdit.status).toBe(403);
  });

  it('limits account creation to the creator scope and lower roles', async () => {
    const escalate = await t.req('POST', '/api/v1/users', { token: users.xiaodianOfficer!.token, body: { username: 'x_admin', password: 'Passw0rd1', role: 'admin' } });
    expect(escalate.status).toBe(403);
    const elsewhere = await t.req('POST', '/api/v1/users', { token: users.taiyuan!.token, body: { username: `x_dt_${kind}`, password: 'Passw0rd1', role: 'county_officer', region: '140213' } });
    expect(elsewhere.status).toBe(403);
    const otherEnt = await t.req('POST', '/api/v1/users', { token: users.xiaodianOfficer!.token, body: { username: `x_e_${kind}`, password: 'Passw0rd1', role: 'enterprise_staff', enterprise: yingze.id } });
    expect(otherEnt.status).toBe(422);
    const ok = await t.req('POST', '/api/v1/users', { token: users.xiaodianOfficer!.token, body: { username: `x_ok_${kind}`, password: 'Passw0rd1', role: 'enterprise_staff', enterprise: xiaodian.id } });
    expect(ok.status).toBe(201);
    const weak = await t.req('POST', '/api/v1/users', { token: t.adminToken, body: { username: `x_w_${kind}`, password: 'short', role: 'inspector', region: '140105' } });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details[0].path).toBe('password');
  });

  it('requires a valid token, and logout and disabling revoke it', async () => {
    expect((await t.req('GET', '/api/v1/sites')).status).toBe(401);
    expect((await t.req('GET', '/api/v1/sites', { token: 'ku_forged' })).status).toBe(401);
    const u = await makeUser(t, t.adminToken, { username: `tmp_${kind}`, role: 'inspector', region: '140105' });
    expect((await t.req('GET', '/api/v1/sites', { token: u.token })).status).toBe(200);
    await t.req('POST', `/api/v1/users/${u.id}/disable`, { token: t.adminToken });
    expect((await t.req('GET', '/api/v1/sites', { token: u.token })).status).toBe(401);
    const second = await t.login(`ty_${kind}`, 'Passw0rd1');
    await t.req('POST', '/api/v1/auth/logout', { token: second });
    expect((await t.req('GET', '/api/v1/sites', { token: second })).status).toBe(401);
  });

  it('slows repeated wrong passwords from one address, never the account from another', async () => {
    const login = (ip: string, password: string) => t.node.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username: `dt_${kind}`, password } });
    for (let i = 0; i < 3; i++) expect((await login('203.0.113.1', 'wrong')).statusCode).toBe(401);
    const slowed = await login('203.0.113.1', 'Passw0rd1');
    expect([slowed.statusCode, slowed.headers['retry-after']]).toEqual([429, '1']);
    expect((await login('203.0.113.2', 'Passw0rd1')).statusCode).toBe(200);
  });
});
