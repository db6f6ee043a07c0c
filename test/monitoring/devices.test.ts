import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

/** Device credentials: issued per site, hashed, revocable, and good for nothing but the site's own readings. */
describe('device credentials', () => {
  let t: TestNode;
  let a: { id: string; code: string };
  let b: { id: string; code: string };
  let principal: { token: string };
  const ts = Date.now() - 60_000;

  beforeAll(async () => {
    t = await makeTestNode('sqlite');
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    a = await makeSite(t, t.adminToken, ent);
    b = await makeSite(t, t.adminToken, ent);
    principal = await makeUser(t, t.adminToken, { username: 'dev_principal', role: 'enterprise_principal', enterprise: ent.id });
    for (const s of [a, b]) {
      const r = await t.req('POST', `/api/v1/sites/${s.code}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => t?.cleanup());

  it('issues a kd_ token once, stores only its hash, and lists devices without tokens', async () => {
    const r = await t.req('POST', `/api/v1/sites/${a.code}/devices`, { token: principal.token, body: { name: 'RTU-1' } });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^kd_[A-Za-z0-9_-]{20,}$/);
    expect(r.body).toMatchObject({ name: 'RTU-1', site: a.id, siteCode: a.code, revokedAt: null });
    const row = await t.node.store.db.selectFrom('devices').selectAll().where('id', '=', r.body.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(r.body.token);
    expect(row.token_hash).not.toBe(r.body.token);
    const list = await t.req('GET', `/api/v1/sites/${a.code}/devices`, { token: principal.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: r.body.id, name: 'RTU-1' });
    expect(list.body.items[0].token).toBeUndefined();
  });

  it('posts readings for its own site only, refusing the others item by item', async () => {
    const dev = await t.req('POST', `/api/v1/sites/${a.code}/devices`, { token: t.adminToken, body: { name: 'RTU-2' } });
    const r = await t.req('POST', '/api/v1/telemetry', {
      token: dev.body.token,
      body: {
        readings: [
          { site: a.code, sensor: 'WL1', ts, value: 90 },
          { site: b.code, sensor: 'WL1', ts, value: 91 },
          { site: a.code, sensor: 'WL1', ts: ts + 1000, value: 92 },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected).toEqual([{ index: 1, reason: `unknown sensor ${b.code}/WL1` }]);
    const stored = await t.req('GET', `/api/v1/sites/${b.code}/sensors/WL1/readings?from=${ts - 1}&to=${ts + 10_000}`, { token: t.adminToken });
    expect(stored.body.items).toEqual([]);
  });

  it('may do nothing but write telemetry', async () => {
    const dev = await t.req('POST', `/api/v1/sites/${a.code}/devices`, { token: t.adminToken, body: { name: 'RTU-3' } });
    const tok = dev.body.token as string;
    expect((await t.req('GET', `/api/v1/sites/${a.code}`, { token: tok })).status).toBe(403);
    expect((await t.req('GET', `/api/v1/sites/${a.code}/sensors/WL1/readings`, { token: tok })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/alarms', { token: tok })).status).toBe(403);
    expect((await t.req('GET', `/api/v1/sites/${a.code}/devices`, { token: tok })).status).toBe(403);
    expect((await t.req('POST', `/api/v1/sites/${a.code}/devices`, { token: tok, body: { name: 'x' } })).status).toBe(403);
    expect((await t.req('GET', '/api/v1/monitoring/overview', { token: tok })).status).toBe(403);
  });

  it('stops working at once when revoked; others cannot revoke it', async () => {
    const dev = await t.req('POST', `/api/v1/sites/${a.code}/devices`, { token: t.adminToken, body: { name: 'RTU-4' } });
    const post = () => t.req('POST', '/api/v1/telemetry', { token: dev.body.token, body: { readings: [{ site: a.code, sensor: 'WL1', ts: ts + 5000, value: 93 }] } });
    expect((await post()).status).toBe(200);
    const other = await makeUser(t, t.adminToken, { username: 'dev_other', role: 'county_officer', region: '140106' });
    expect((await t.req('POST', `/api/v1/sites/${a.code}/devices/${dev.body.id}/revoke`, { token: other.token })).status).toBe(404);
    expect((await t.req('POST', `/api/v1/sites/${b.code}/devices/${dev.body.id}/revoke`, { token: t.adminToken })).status).toBe(404);
    const rv = await t.req('POST', `/api/v1/sites/${a.code}/devices/${dev.body.id}/revoke`, { token: principal.token });
    expect(rv.status).toBe(200);
    expect(rv.body.revokedAt).toBeTypeOf('number');
    const after = await post();
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_token');
    expect((await t.req('POST', `/api/v1/sites/${a.code}/devices/${dev.body.id}/revoke`, { token: principal.token })).status).toBe(409);
  });
});
