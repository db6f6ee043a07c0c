import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/** Silence is not safety: a point that stops reporting keeps its last confirmed level, marked stale. */
describe.each(['sqlite', 'postgres'] as const)('silent points keep their level (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0); // March: outside the flood season
  let clock = t0;
  const min = (m: number) => t0 + m * 60_000;
  const status = async () => (await t.req('GET', `/api/v1/sites/${pond.code}/status`, { token: t.adminToken })).body;
  const row = async () => (await t.req('GET', '/api/v1/monitoring/overview', { token: t.adminToken })).body.items.find((i: { site: string }) => i.site === pond.code);
  const post = (readings: { sensor: string; ts: number; value: number }[]) =>
    t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: readings.map((r) => ({ site: pond.code, ...r })) } });

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    for (const body of [
      { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103 } },
      { code: 'RF1', kind: 'rainfall', expectedIntervalSec: 600, thresholds: { direction: 'above' } },
    ]) {
      const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => t?.cleanup());

  it('a red point going silent keeps the site red, stale, with when it was last heard', async () => {
    expect((await post([{ sensor: 'WL1', ts: t0, value: 104 }, { sensor: 'RF1', ts: t0, value: 0 }])).body.accepted).toBe(2);
    expect(await status()).toMatchObject({ level: 'red', offline: [], dataInterrupted: false });
    // RF1 keeps reporting; WL1 falls silent past 3 × its interval.
    clock = min(31);
    await post([{ sensor: 'RF1', ts: min(30), value: 0 }]);
    await t.node.services.monitoring.jobs.tick();
    const s = await status();
    expect(s).toMatchObject({ level: 'red', offline: ['WL1'], dataInterrupted: false });
    expect(s.items.find((i: { item: string }) => i.item === 'water_level').points).toEqual([
      { sensor: 'WL1', kind: 'water_level', level: 'red', derivedFrom: null, stale: true, lastHeard: t0, disabled: false },
    ]);
    expect(await row()).toMatchObject({ level: 'red', offline: ['WL1'], dataInterrupted: false, stale: true, lastHeard: min(30) });
  });

  it('a whole pond going silent shows its last level and dataInterrupted (数据中断)', async () => {
    clock = min(100);
    await t.node.services.monitoring.jobs.tick();
    expect(await status()).toMatchObject({ level: 'red', offline: ['WL1', 'RF1'], dataInterrupted: true });
    expect(await row()).toMatchObject({ level: 'red', silent: true, dataInterrupted: true, stale: true, lastHeard: min(30) });
  });

  it('a disabled sensor of a required item keeps its last level, marked disabled', async () => {
    const sensor = (await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1`, { token: t.adminToken })).body;
    const r = await t.req('PATCH', `/api/v1/sites/${pond.code}/sensors/WL1`, { token: t.adminToken, body: { version: sensor.version, disabled: true } });
    expect(r.status).toBe(200);
    const s = await status();
    expect(s.level).toBe('red');
    expect(s.items.find((i: { item: string }) => i.item === 'water_level').points).toEqual([
      { sensor: 'WL1', kind: 'water_level', level: 'red', derivedFrom: null, stale: false, lastHeard: t0, disabled: true },
    ]);
  });
});
