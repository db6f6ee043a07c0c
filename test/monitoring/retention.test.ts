import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

const DAY = 86_400_000;

/** Raw readings past the retention setting go, in bounded chunks, daily from durable state; rollups stay. */
describe('retention of raw readings', () => {
  let t: TestNode;
  let pond: { code: string };
  let token = '';
  // 03:00 China Standard Time on a whole day, so that 02:15 the next day is a clear due instant.
  let clock = Math.floor(Date.now() / DAY) * DAY - 8 * 3_600_000 + 3 * 3_600_000;
  const ages = [40, 35, 31, 29, 1];

  beforeAll(async () => {
    t = await makeTestNode('sqlite', {}, () => clock);
    token = t.adminToken;
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
    expect(r.status).toBe(201);
    const readings = ages.flatMap((d) => [0, 1, 2].map((i) => ({ site: pond.code, sensor: 'WL1', ts: clock - d * DAY + i * 60_000, value: 90 + i })));
    expect((await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings } })).body.accepted).toBe(15);
  });
  afterAll(async () => t?.cleanup());

  const raw = async () => (await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${clock - 50 * DAY}&to=${clock + DAY}`, { token })).body.items as { ts: number }[];
  const daily = async () => (await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${clock - 50 * DAY}&to=${clock + DAY}&step=1d`, { token })).body.items as { count: number }[];

  it('keeps everything while retention is unset', async () => {
    expect(await t.node.services.monitoring.retention.run()).toEqual({ cutoff: null, deleted: 0, chunks: 0 });
    expect(await raw()).toHaveLength(15);
  });

  it('deletes raw readings older than the setting in chunks, keeping the rollups', async () => {
    expect((await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body: { retentionDays: 36 } })).status).toBe(200);
    const r = await t.node.services.monitoring.retention.run(clock, 2);
    expect(r).toEqual({ cutoff: clock - 36 * DAY, deleted: 3, chunks: 2 });
    expect((await raw()).map((x) => Math.round((clock - x.ts) / DAY))).toEqual([35, 35, 35, 31, 31, 31, 29, 29, 29, 1, 1, 1]);
    const d = await daily();
    expect(d.map((b) => b.count)).toEqual([3, 3, 3, 3, 3]);
  });

  it('runs daily from the durable scheduler and records its last run', async () => {
    expect((await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body: { retentionDays: 30 } })).status).toBe(200);
    const sched = t.node.deps.scheduler;
    expect(await sched.tick()).not.toContain('monitoring.retention');
    expect(await raw()).toHaveLength(12);
    clock += DAY; // 03:00 the next day: 02:15 has passed
    token = await t.login('admin', ADMIN_PASSWORD); // the session from a day ago has expired
    expect(await sched.tick()).toContain('monitoring.retention');
    // Now 31 days old and older are gone; the 29-day readings are 30 days old minus minutes and stay.
    expect((await raw()).map((x) => Math.round((clock - x.ts) / DAY))).toEqual([30, 30, 30, 2, 2, 2]);
    const last = await t.node.store.db.selectFrom('settings').select('value').where('key', '=', 'job.monitoring.retention.last').executeTakeFirstOrThrow();
    expect(Number(last.value)).toBe(clock - 45 * 60_000);
    expect(await sched.tick()).not.toContain('monitoring.retention');
    expect((await daily()).map((b) => b.count)).toEqual([3, 3, 3, 3, 3]);
  });
});
