import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/** A whole station going silent at once: one alarm naming its sensors; what stays silent once it is back alarms per sensor. */
describe.each(['sqlite', 'postgres'] as const)('scheduled job with many sensors (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);
  let clock = t0;
  const N = 120;

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    for (let i = 0; i < N; i++) {
      const s = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: `R${i}`, kind: 'rainfall', expectedIntervalSec: 600, thresholds: { direction: 'above' } } });
      expect(s.status).toBe(201);
    }
  });
  afterAll(async () => t?.cleanup());

  const live = async () => t.node.store.db.selectFrom('alarms').select(['kind', 'sensor_id', 'recovered_at']).where('site_id', '=', pond.id).execute();

  it('opens one alarm for the silent station, then nothing more; sensors still silent once it is back alarm on their own', async () => {
    const readings = Array.from({ length: N }, (_, i) => ({ site: pond.code, sensor: `R${i}`, ts: t0, value: 0 }));
    expect((await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings } })).body.accepted).toBe(N);
    clock = t0 + 31 * 60_000;
    const touched = await t.node.services.monitoring.jobs.tick();
    expect(touched.length).toBe(1);
    const a = await live();
    expect(a.map((x) => x.kind)).toEqual(['site_offline']);
    const opened = await t.node.store.db.selectFrom('alarm_actions').select('details').where('alarm_id', '=', touched[0]!).where('action', '=', 'opened').executeTakeFirstOrThrow();
    expect(JSON.parse(opened.details!).sensors).toHaveLength(N);
    expect(await t.node.services.monitoring.jobs.tick()).toEqual([]);
    // Half report again: the station alarm recovers; the other half, silent while the station talks, alarm one by one.
    clock += 60_000;
    const back = readings.slice(0, N / 2).map((r) => ({ ...r, ts: clock }));
    expect((await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: back } })).body.accepted).toBe(N / 2);
    expect((await t.node.services.monitoring.jobs.tick()).length).toBe(N / 2 + 1);
    const after = await live();
    expect(after.filter((x) => x.kind === 'site_offline' && x.recovered_at !== null)).toHaveLength(1);
    expect(after.filter((x) => x.kind === 'offline' && x.recovered_at === null)).toHaveLength(N / 2);
  });
});
