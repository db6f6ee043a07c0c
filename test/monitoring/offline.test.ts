import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/** Offline and silent-site alarms from a controllable clock, computed by the scheduled job. */
describe.each(['sqlite', 'postgres'] as const)('offline detection (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0); // March: outside the flood season
  let clock = t0;
  const min = (m: number) => t0 + m * 60_000;

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    const s = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: 'R1', kind: 'rainfall', expectedIntervalSec: 600, thresholds: { direction: 'above' } } });
    expect(s.status).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  const alarms = async () => (await t.req('GET', `/api/v1/alarms?site=${pond.code}`, { token: t.adminToken })).body.items;

  it('opens one station alarm after k × the interval when the site’s only sensor falls silent, and recovers it', async () => {
    await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: pond.code, sensor: 'R1', ts: t0, value: 0 }] } });
    clock = min(30);
    await t.node.services.monitoring.jobs.tick();
    expect(await alarms()).toEqual([]);
    clock = min(31);
    await t.node.services.monitoring.jobs.tick();
    const open = await alarms();
    // The whole station is silent: one transmission alarm naming its sensors, not one per sensor.
    expect(open.map((a: { kind: string; category: string; level: string; openedAt: number; sensor: string | null }) => [a.kind, a.category, a.level, a.openedAt, a.sensor])).toEqual([
      ['site_offline', 'transmission', 'orange', min(30), null],
    ]);
    expect(open[0].message).toBe(`${pond.code} 数据中断：全部 1 个测点无数据（R1）`);
    // Ticking again changes nothing: no duplicate alarms.
    await t.node.services.monitoring.jobs.tick();
    expect((await alarms()).length).toBe(1);
    const status = await t.req('GET', `/api/v1/sites/${pond.code}/status`, { token: t.adminToken });
    expect(status.body.offline).toEqual(['R1']);

    clock = min(32);
    await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: pond.code, sensor: 'R1', ts: min(32), value: 0 }] } });
    await t.node.services.monitoring.jobs.tick();
    const after = await alarms();
    expect(after.map((a: { recoveredAt: number; state: string }) => [a.recoveredAt, a.state])).toEqual([[min(32), 'open']]);
  });

  it('escalates an unanswered alarm to the county after its response time', async () => {
    clock = min(32 + 60); // orange answers within 30 min, yellow within 60
    await t.node.services.monitoring.jobs.tick();
    const tiers = (await alarms()).map((a: { kind: string; tier: string }) => [a.kind, a.tier]).sort();
    expect(tiers).toEqual([['site_offline', 'county']]);
  });
});
