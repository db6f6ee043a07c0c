import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

describe('files', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('stores a photo content-addressed, serves it back, and hides it from other regions', async () => {
    const e = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const s = await makeSite(t, t.adminToken, e);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('photo of a crack')]);
    const up = await t.req('POST', `/api/v1/files?site=${s.code}&name=${encodeURIComponent('坝体裂缝.png')}`, { token: t.adminToken, body: png, headers: { 'content-type': 'image/png' } });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ size: png.length, mime: 'image/png', region: '140105', name: '坝体裂缝.png' });
    const again = await t.req('POST', `/api/v1/files?site=${s.code}`, { token: t.adminToken, body: png, headers: { 'content-type': 'image/png' } });
    expect(again.body.sha256).toBe(up.body.sha256);
    const r = await t.node.app.inject({ method: 'GET', url: `/api/v1/files/${up.body.id}`, headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.equals(png)).toBe(true);
    const datong = await makeUser(t, t.adminToken, { username: 'dt_files', role: 'city_officer', region: '140200' });
    expect((await t.req('GET', `/api/v1/files/${up.body.id}/meta`, { token: datong.token })).status).toBe(404);
  });

  it('refuses an unaccepted type and an empty body', async () => {
    const bad = await t.req('POST', '/api/v1/files', { token: t.adminToken, body: Buffer.from('x'), headers: { 'content-type': 'image/svg+xml' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('image/svg+xml is not accepted');
    const empty = await t.req('POST', '/api/v1/files', { token: t.adminToken, body: Buffer.alloc(0), headers: { 'content-type': 'image/png' } });
    expect([400, 422]).toContain(empty.status);
  });
});
