import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** /api/v1/metrics: the node's figures for Prometheus, for administrators; every answer carries its request id. */
describe('metrics and request ids', () => {
  let t: TestNode;
  let site: { code: string };
  let staff: { token: string };
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
    const ent = await makeEnterprise(t, t.adminToken);
    site = await makeSite(t, t.adminToken, ent);
    await t.req('POST', `/api/v1/sites/${site.code}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 100 } } });
    staff = await makeUser(t, t.adminToken, { username: 'staff-m', role: 'enterprise_staff', enterprise: ent.id });
  });
  afterAll(() => t?.cleanup());

  const scrape = async () => {
    const r = await t.req('GET', '/api/v1/metrics', { token: t.adminToken });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('text/plain');
    return r.body as string;
  };
  const value = (text: string, line: string) => Number(text.split('\n').find((l) => l.startsWith(line))?.slice(line.length + 1) ?? NaN);

  it('counts readings by outcome and shows open alarms by level', async () => {
    const before = value(await scrape(), 'kuangan_readings_total{result="accepted"}');
    const now = Date.now();
    const r = await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [
      { site: site.code, sensor: 'WL1', ts: now - 2000, value: 50 },
      { site: site.code, sensor: 'WL1', ts: now - 1000, value: 150 },
      { site: site.code, sensor: 'WL1', ts: now - 1000, value: 150 },
      { site: site.code, sensor: 'NOPE', ts: now, value: 1 },
    ] } });
    expect(r.body).toMatchObject({ accepted: 2, duplicates: 1 });
    const text = await scrape();
    expect(value(text, 'kuangan_readings_total{result="accepted"}') - before).toBe(2);
    expect(value(text, 'kuangan_readings_total{result="rejected"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/kuangan_alarms\{kind="threshold",level="red",state="open"\} 1/);
    expect(text).toContain('kuangan_writer_queued_rows');
    expect(text).toMatch(/kuangan_outbox_pending\{stream="records"\} \d+/);
    expect(text).toMatch(/kuangan_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/telemetry",status="2xx"\} \d+/);
  });

  it('is for administrators of the whole platform only: it names every child node of every region', async () => {
    expect((await t.req('GET', '/api/v1/metrics')).status).toBe(401);
    expect((await t.req('GET', '/api/v1/metrics', { token: staff.token })).status).toBe(403);
    const regional = await makeUser(t, t.adminToken, { username: 'radm-m', role: 'admin', region: '140105' });
    expect((await t.req('GET', '/api/v1/metrics', { token: regional.token })).status).toBe(403);
  });

  it("answers with the caller's request id, or one of its own", async () => {
    const mine = await t.req('GET', '/healthz', { headers: { 'x-request-id': 'probe-42' } });
    expect(mine.headers['x-request-id']).toBe('probe-42');
    const bad = await t.req('GET', '/healthz', { headers: { 'x-request-id': '<script>' } });
    expect(String(bad.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});
