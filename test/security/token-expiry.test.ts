import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const H = 3_600_000;

/** Node and device tokens expire when given an expiry, and can be replaced: the old token stops at once. */
for (const kind of STORE_KINDS) describe(`node and device tokens expire and rotate (${kind})`, () => {
  let clock = Date.UTC(2026, 5, 1, 0, 0);
  let t: TestNode;
  let site: { code: string };
  beforeAll(async () => {
    t = await makeTestNode(kind, { level: 'province', region: '140000' }, () => clock);
    site = await makeSite(t, t.adminToken, await makeEnterprise(t, t.adminToken));
    await t.req('POST', `/api/v1/sites/${site.code}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 1e9 } } });
  });
  afterAll(() => t?.cleanup());

  const beat = (token: string) => t.req('POST', '/api/v1/sync/heartbeat', { token, body: { node: 'child-1', backlog: 0, backlogAgeSec: 0, sensorsOnline: null, sentAt: clock } });
  const post = (token: string) => t.req('POST', '/api/v1/telemetry', { token, body: { readings: [{ site: site.code, sensor: 'WL1', ts: clock - 1000, value: 1 }] } });

  it('a node token stops at its expiry; a rotated token replaces it', async () => {
    const past = await t.req('POST', '/api/v1/network/nodes', { token: t.adminToken, body: { level: 'city', region: '140100', expiresAt: clock - 1 } });
    expect(past.status).toBe(422);
    const reg = await t.req('POST', '/api/v1/network/nodes', { token: t.adminToken, body: { level: 'city', region: '140100', expiresAt: clock + 2 * H } });
    expect(reg.status).toBe(201);
    expect((await beat(reg.body.token)).status).toBe(200);
    const listed = (await t.req('GET', '/api/v1/network/nodes', { token: t.adminToken })).body.items.find((n: { id: string }) => n.id === reg.body.id);
    expect(listed.tokenExpiresAt).toBe(clock + 2 * H);
    clock += 3 * H;
    expect((await beat(reg.body.token)).status).toBe(401);
    const rotated = await t.req('POST', `/api/v1/network/nodes/${reg.body.id}/rotate`, { token: t.adminToken, body: { expiresAt: clock + 24 * H } });
    expect(rotated.status).toBe(200);
    expect((await beat(rotated.body.token)).status).toBe(200);
    const again = await t.req('POST', `/api/v1/network/nodes/${reg.body.id}/rotate`, { token: t.adminToken, body: {} });
    expect((await beat(rotated.body.token)).status).toBe(401);
    expect((await beat(again.body.token)).status).toBe(200);
  });

  it('a device token stops at its expiry; a rotated token replaces it', async () => {
    const dev = await t.req('POST', `/api/v1/sites/${site.code}/devices`, { token: t.adminToken, body: { name: 'RTU-9', expiresAt: clock + H } });
    expect(dev.status).toBe(201);
    expect((await post(dev.body.token)).status).toBe(200);
    clock += 2 * H;
    expect((await post(dev.body.token)).status).toBe(401);
    const rotated = await t.req('POST', `/api/v1/sites/${site.code}/devices/${dev.body.id}/rotate`, { token: t.adminToken, body: {} });
    expect(rotated.status).toBe(200);
    expect(rotated.body.expiresAt).toBeNull();
    expect((await post(rotated.body.token)).status).toBe(200);
    expect((await post(dev.body.token)).status).toBe(401);
  });
});
