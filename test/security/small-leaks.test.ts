import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

describe.each(['sqlite', 'postgres'] as const)('smaller leaks (%s)', (kind) => {
  let t: TestNode;
  let ent: { id: string; region: string };
  let site: { id: string; code: string };
  let officer: { token: string };
  let nodeToken = '';
  let deviceToken = '';

  beforeAll(async () => {
    t = await makeTestNode(kind);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    site = await makeSite(t, t.adminToken, ent);
    // The same enterprise runs a pond in the next county.
    await makeSite(t, t.adminToken, ent, { region: '140106' });
    officer = await makeUser(t, t.adminToken, { username: `leak_officer_${kind}`, role: 'county_officer', region: '140105' });
    nodeToken = (await t.req('POST', '/api/v1/network/nodes', { token: t.adminToken, body: { level: 'enterprise', enterprise: ent.id } })).body.token;
    deviceToken = (await t.req('POST', `/api/v1/sites/${site.code}/devices`, { token: t.adminToken, body: { name: 'RTU-1' } })).body.token;
    expect(nodeToken).toMatch(/^kn_/);
    expect(deviceToken).toMatch(/^kd_/);
  });
  afterAll(async () => t?.cleanup());

  it('counts only the sites the caller may see', async () => {
    const mine = await t.req('GET', '/api/v1/enterprises', { token: officer.token });
    expect(mine.body.items.find((e: { id: string }) => e.id === ent.id).siteCount).toBe(1);
    const all = await t.req('GET', '/api/v1/enterprises', { token: t.adminToken });
    expect(all.body.items.find((e: { id: string }) => e.id === ent.id).siteCount).toBe(2);
  });

  it('lets only people upload files', async () => {
    for (const token of [nodeToken, deviceToken]) {
      const r = await t.req('POST', `/api/v1/files?site=${site.code}&name=x.pdf`, { token, body: Buffer.from('%PDF-1.4 test'), headers: { 'content-type': 'application/pdf' } });
      expect(r.status).toBe(403);
    }
    const ok = await t.req('POST', `/api/v1/files?site=${site.code}&name=x.pdf`, { token: officer.token, body: Buffer.from('%PDF-1.4 test'), headers: { 'content-type': 'application/pdf' } });
    expect(ok.status).toBe(201);
  });

  it('refuses a password change to node and device tokens instead of pretending', async () => {
    for (const token of [nodeToken, deviceToken]) {
      const r = await t.req('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'x', password: 'NewPassw0rd9' } });
      expect(r.status).toBe(403);
    }
  });

  it('downloads files with a safe Content-Disposition and nosniff', async () => {
    const name = '报告"; filename=evil.html\r\nX-Injected: 1 (v2).pdf';
    const up = await t.req('POST', `/api/v1/files?site=${site.code}&name=${encodeURIComponent(name)}`, { token: officer.token, body: Buffer.from('%PDF-1.4 test'), headers: { 'content-type': 'application/pdf' } });
    expect(up.status).toBe(201);
    const r = await t.node.app.inject({ method: 'GET', url: `/api/v1/files/${up.body.id}`, headers: { authorization: `Bearer ${officer.token}` } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-injected']).toBeUndefined();
    const cd = String(r.headers['content-disposition']);
    expect(cd).toMatch(/^inline; filename="[A-Za-z0-9._ ()-]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe(name.replace(/[\r\n"]/g, '_'));
    // A file without a name still comes as an attachment-safe download.
    const csv = await t.req('POST', `/api/v1/files?site=${site.code}`, { token: officer.token, body: Buffer.from('a,b\n1,2\n'), headers: { 'content-type': 'text/csv' } });
    const d = await t.node.app.inject({ method: 'GET', url: `/api/v1/files/${csv.body.id}`, headers: { authorization: `Bearer ${officer.token}` } });
    expect(d.headers['content-disposition']).toBe(`attachment; filename="${csv.body.id}"`);
    expect(d.headers['x-content-type-options']).toBe('nosniff');
  });
});
