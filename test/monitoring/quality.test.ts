import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

const MIN = 60_000;

/** Data-quality flags after commit: spikes and stuck sensors, shown in readings and the sensor detail; a blue quality alarm. */
describe('data quality', () => {
  let t: TestNode;
  let pond: { code: string };
  const base = Math.floor((Date.now() - 2 * 86_400_000) / 3_600_000) * 3_600_000;

  beforeAll(async () => {
    t = await makeTestNode('sqlite');
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    for (const code of ['WL1', 'WL2']) {
      const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code, kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => t?.cleanup());

  const post = async (sensor: string, values: number[], stepMin: number, from = base) => {
    const readings = values.map((value, i) => ({ site: pond.code, sensor, ts: from + i * stepMin * MIN, value }));
    const r = await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings } });
    expect(r.body.accepted).toBe(values.length);
    await t.node.services.monitoring.quality.idle();
  };
  const readings = async (sensor: string) => (await t.req('GET', `/api/v1/sites/${pond.code}/sensors/${sensor}/readings?from=${base}&to=${base + 86_400_000}`, { token: t.adminToken })).body.items;

  it('flags a one-reading spike in the readings, and only it', async () => {
    await post('WL1', [100.0, 100.1, 99.9, 100.05, 99.95, 100.1, 100.0, 105.0, 100.02, 99.98], 10);
    const items = await readings('WL1');
    expect(items).toHaveLength(10);
    expect(items.filter((r: { flag?: string }) => r.flag)).toEqual([{ ts: base + 70 * MIN, value: 105, flag: 'spike' }]);
    const detail = await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1`, { token: t.adminToken });
    expect(detail.body.quality).toMatchObject({ stuckAlarm: null, recentFlags: [{ ts: base + 70 * MIN, flag: 'spike' }] });
  });

  it('flags a flat-lined sensor after 12 identical readings over 6 h and opens one blue quality alarm; a change recovers it', async () => {
    // 12 identical readings every 30 min span 5.5 h: not yet stuck.
    await post('WL2', Array(12).fill(88.8), 30);
    expect((await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=quality`, { token: t.adminToken })).body.total).toBe(0);
    await post('WL2', [88.8, 88.8], 30, base + 12 * 30 * MIN);
    const items = await readings('WL2');
    expect(items.filter((r: { flag?: string }) => r.flag).map((r: { ts: number; flag: string }) => [(r.ts - base) / MIN, r.flag])).toEqual([
      [360, 'stuck'],
      [390, 'stuck'],
    ]);
    const alarms = await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=quality`, { token: t.adminToken });
    expect(alarms.body.total).toBe(1);
    const a = alarms.body.items[0];
    expect(a).toMatchObject({ sensor: 'WL2', kind: 'quality', level: 'blue', state: 'open', openedAt: base, recoveredAt: null });
    const detail = await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL2`, { token: t.adminToken });
    expect(detail.body.quality).toMatchObject({ stuckAlarm: a.id, sameValueCount: 14, sameValueSince: base });
    // The site's warning level is not raised by a data-quality finding.
    expect((await t.req('GET', `/api/v1/sites/${pond.code}/status`, { token: t.adminToken })).body.level).toBe(null);

    await post('WL2', [89.1], 30, base + 14 * 30 * MIN);
    const after = await t.req('GET', `/api/v1/alarms/${a.id}`, { token: t.adminToken });
    expect(after.body).toMatchObject({ state: 'open', recoveredAt: base + 14 * 30 * MIN });
    expect(after.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'recovered']);
    expect((await t.req('GET', `/api/v1/alarms?site=${pond.code}&kind=quality`, { token: t.adminToken })).body.total).toBe(1);
  });
});
