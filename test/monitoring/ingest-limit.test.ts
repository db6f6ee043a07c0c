import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/**
 * Readings per second per caller (token bucket over readings, not requests): a caller over its
 * allowance gets 429 with Retry-After and nothing of that request is stored; another caller in the
 * same second is not affected.
 */
describe.each(['sqlite', 'postgres'] as const)('telemetry ingest limit per caller (%s)', (kind) => {
  let t: TestNode;
  let site: { code: string };
  let a = '';
  let b = '';
  const base = Date.UTC(2026, 11, 6, 1);
  let clock = base + 3_600_000;

  beforeAll(async () => {
    t = await makeTestNode(kind, { ingestRatePerSec: 10, ingestBurst: 20 }, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    site = await makeSite(t, t.adminToken, ent);
    const s = await t.req('POST', `/api/v1/sites/${site.code}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
    expect(s.status).toBe(201);
    a = (await t.req('POST', `/api/v1/sites/${site.code}/devices`, { token: t.adminToken, body: { name: 'RTU-A' } })).body.token;
    b = (await t.req('POST', `/api/v1/sites/${site.code}/devices`, { token: t.adminToken, body: { name: 'RTU-B' } })).body.token;
  });
  afterAll(async () => t?.cleanup());

  const readings = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ site: site.code, sensor: 'WL1', ts: base + (from + i) * 1000, value: 90 }));
  const post = (token: string, from: number, n: number) => t.req('POST', '/api/v1/telemetry', { token, body: { readings: readings(from, n) } });
  const stored = async (from: number, n: number) => {
    const r = await t.req('GET', `/api/v1/sites/${site.code}/sensors/WL1/readings?from=${base + from * 1000}&to=${base + (from + n) * 1000}`, { token: t.adminToken });
    return r.body.items.length as number;
  };

  it('refuses a caller over its allowance with 429 and Retry-After, storing nothing of that request', async () => {
    expect((await post(a, 0, 15)).body.accepted).toBe(15);
    const over = await post(a, 100, 10);
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBe(1);
    expect(over.body.error.code).toBe('rate_limited');
    expect(over.body.error.message).toMatch(/10 readings\/s/);
    expect(over.body.error.message).toMatch(/上报过于频繁/);
    expect(await stored(100, 10)).toBe(0);
  });

  it('another caller in the same second is accepted', async () => {
    const r = await post(b, 200, 20);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(20);
    expect(await stored(200, 20)).toBe(20);
  });

  it('the refused caller is let in again once its allowance has refilled', async () => {
    clock += 1000;
    const r = await post(a, 100, 10);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(10);
    expect(await stored(100, 10)).toBe(10);
  });
});
