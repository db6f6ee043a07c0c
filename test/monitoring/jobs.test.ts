import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/** A whole station going silent at once: the scheduled job opens every alarm, in several short transactions. */
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

  it('opens one offline alarm per silent sensor and one for the site, then nothing more', async () => {
    const readings = Array.from({ length: N }, (_, i) => ({ site: pond.code, sensor: `R${i}`, ts: t0, value: 0 }));
    expect((await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings } })).body.accepted).toBe(N);
    clock = t0 + 31 * 60_000;
    const touched = await t.node.services.monitoring.jobs.tick();
    expect(touched.length).toBe(N + 1);
    const a = await live();
    expect(a.filter((x) => x.kind === 'offline').length).toBe(N);
    expect(new Set(a.map((x) => x.sensor_id)).size).toBe(N + 1);
    expect(a.filter((x) => x.kind === 'site_offline').length).toBe(1);
    expect(await t.node.services.monitoring.jobs.tick()).toEqual([]);
    // Half report again: their alarms recover, the site's too.
    clock += 60_000;
    const back = readings.slice(0, N / 2).map((r) => ({ ...r, ts: clock }));
    expect((await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: back } })).body.accepted).toBe(N / 2);
    expect((await t.node.services.monitoring.jobs.tick()).length).toBe(N / 2 + 1);
    expect((await live()).filter((x) => x.recovered_at !== null).length).toBe(N / 2 + 1);
  });
});
