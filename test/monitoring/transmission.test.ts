import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/** Data interruption (数据中断) is a transmission alarm, apart from the four-colour warnings. */
describe.each(['sqlite', 'postgres'] as const)('transmission alarms (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  let mixed: { id: string; code: string };
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0); // March: outside the flood season
  let clock = t0;
  const min = (m: number) => t0 + m * 60_000;
  const post = (site: string, readings: [string, number, number][]) =>
    t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: readings.map(([sensor, ts, value]) => ({ site, sensor, ts, value })) } });
  const alarms = async (site: string, extra = '') => (await t.req('GET', `/api/v1/alarms?site=${site}${extra}`, { token: t.adminToken })).body.items;
  const row = async (site: string) => (await t.req('GET', '/api/v1/monitoring/overview', { token: t.adminToken })).body.items.find((i: { site: string }) => i.site === site);
  const sensor = (site: string, body: object) => t.req('POST', `/api/v1/sites/${site}/sensors`, { token: t.adminToken, body });

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    mixed = await makeSite(t, t.adminToken, ent);
    expect((await sensor(pond.code, { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', yellow: 101, red: 103 } })).status).toBe(201);
    expect((await sensor(pond.code, { code: 'BL1', kind: 'beach_length', expectedIntervalSec: 600, thresholds: { direction: 'below' } })).status).toBe(201);
    expect((await sensor(pond.code, { code: 'RF1', kind: 'rainfall', expectedIntervalSec: 600, thresholds: { direction: 'above' } })).status).toBe(201);
    expect((await sensor(mixed.code, { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above' } })).status).toBe(201);
    expect((await sensor(mixed.code, { code: 'DP1', kind: 'surface_displacement', expectedIntervalSec: 3600, thresholds: { direction: 'above' } })).status).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  it('a sensor silent while its station reports alarms on its own, as a transmission alarm, not counted by level', async () => {
    await post(pond.code, [['WL1', t0, 102], ['BL1', t0, 200], ['RF1', t0, 0]]);
    await post(mixed.code, [['WL1', t0, 90], ['DP1', t0, 1]]);
    clock = min(31);
    await post(pond.code, [['WL1', min(31), 102], ['BL1', min(31), 200]]);
    await t.node.services.monitoring.jobs.tick();
    const list = await alarms(pond.code);
    expect(list.map((a: { kind: string; category: string; sensor: string | null; level: string }) => [a.kind, a.category, a.sensor]).sort()).toEqual([
      ['offline', 'transmission', 'RF1'],
      ['threshold', 'safety', 'WL1'],
    ]);
    expect(await row(pond.code)).toMatchObject({ level: 'yellow', openAlarmsByLevel: { yellow: 1 }, openTransmissionAlarms: 1, dataInterrupted: false });
    expect((await alarms(pond.code, '&category=transmission')).map((a: { kind: string }) => a.kind)).toEqual(['offline']);
    expect((await alarms(pond.code, '&category=safety')).map((a: { kind: string }) => a.kind)).toEqual(['threshold']);
  });

  it('a station falling silent is one alarm naming its sensors; the pond keeps its level, data interrupted', async () => {
    clock = min(70);
    await t.node.services.monitoring.jobs.tick();
    const station = (await alarms(pond.code, '&kind=site_offline'))[0];
    expect(station).toMatchObject({ category: 'transmission', sensor: null, message: `${pond.code} 数据中断：全部 3 个测点无数据（WL1、BL1、RF1）` });
    // Only RF1 (silent while the station still talked) has an alarm of its own: WL1 and BL1 fell with the station.
    expect((await alarms(pond.code, '&kind=offline')).map((a: { sensor: string }) => a.sensor)).toEqual(['RF1']);
    expect(await row(pond.code)).toMatchObject({ level: 'yellow', openAlarmsByLevel: { yellow: 1 }, openTransmissionAlarms: 2, silent: true, dataInterrupted: true });
    // Asking for orange warnings does not bring the station's alarm (stored at orange only for its urgency).
    expect(await alarms(pond.code, '&level=orange')).toEqual([]);
    expect((await alarms(pond.code, '&level=orange&category=transmission')).map((a: { kind: string }) => a.kind)).toEqual(['site_offline']);
    const status = (await t.req('GET', `/api/v1/sites/${pond.code}/status`, { token: t.adminToken })).body;
    expect(status).toMatchObject({ level: 'yellow', dataInterrupted: true });
  });

  it('holds a fast sensor’s alarm while nothing else of its station has reported, until the station grace is over', async () => {
    // The mixed station stopped at t0: WL1 (10 min) is offline from minute 30, DP1 (1 h) not before minute 180.
    expect(await alarms(mixed.code)).toEqual([]);
    clock = min(30 + 61);
    await t.node.services.monitoring.jobs.tick();
    expect((await alarms(mixed.code)).map((a: { kind: string; sensor: string }) => [a.kind, a.sensor])).toEqual([['offline', 'WL1']]);
  });
});
