import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

const DAY = 86_400_000;

/** Raw readings past the retention setting go, in bounded chunks, daily from durable state; rollups stay. */
describe.each(['sqlite', 'postgres'] as const)('retention of raw readings (%s)', (kind) => {
  let t: TestNode;
  let pond: { code: string };
  let token = '';
  // 03:00 China Standard Time on a whole day, so that 02:15 the next day is a clear due instant.
  let clock = Math.floor(Date.now() / DAY) * DAY - 8 * 3_600_000 + 3 * 3_600_000;
  const ages = [40, 35, 31, 29, 1];

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
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
    // The 10-minute rollups are kept 400 days by default: none of these is that old.
    expect(await t.node.services.monitoring.retention.run()).toEqual({ cutoff: null, deleted: 0, chunks: 0, rollups: { cutoff: clock - 400 * DAY, deleted: 0, chunks: 0 } });
    expect(await raw()).toHaveLength(15);
  });

  it('deletes raw readings older than the setting in chunks, keeping the rollups', async () => {
    expect((await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body: { retentionDays: 36 } })).status).toBe(200);
    const r = await t.node.services.monitoring.retention.run(clock, 2);
    expect(r).toEqual({ cutoff: clock - 36 * DAY, deleted: 3, chunks: 2, rollups: { cutoff: clock - 400 * DAY, deleted: 0, chunks: 0 } });
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

/**
 * 10-minute rollups past their own setting go in bounded chunks per sensor (hourly and daily stay);
 * a 10-minute series reaching past the horizon takes those buckets from raw readings, and answers
 * only what exists once the raw readings are gone too.
 */
describe.each(['sqlite', 'postgres'] as const)('retention of 10-minute rollups (%s)', (kind) => {
  let t: TestNode;
  let pond: { code: string };
  // 03:00 China Standard Time: the three readings of a day fall in three 10-minute buckets of one hour.
  const clock = Math.floor(Date.now() / DAY) * DAY - 8 * 3_600_000 + 3 * 3_600_000;
  const TEN = 600_000;
  const ages = [500, 420, 401, 399, 1];
  const at = (age: number, i: number) => clock - age * DAY + i * TEN;
  const horizon = clock - 400 * DAY;

  const post = async (readings: { sensor: string; ts: number; value: number }[]) =>
    (await t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: readings.map((r) => ({ site: pond.code, ...r })) } })).body;
  const settle = async () => {
    await t.node.services.monitoring.writer.drain();
    await t.node.services.monitoring.writer.flushRollups();
  };
  const counts = async () => {
    const rows = await t.node.store.db.selectFrom('rollups').select(['bucket_sec', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('bucket_sec').orderBy('bucket_sec').execute();
    return Object.fromEntries(rows.map((r) => [Number(r.bucket_sec), Number(r.n)]));
  };
  const series = async (step: string) =>
    (await t.req('GET', `/api/v1/sites/${pond.code}/sensors/WL1/readings?from=${clock - 501 * DAY}&to=${clock + DAY}&step=${step}`, { token: t.adminToken })).body.items as {
      ts: number;
      avg: number;
      min: number;
      max: number;
      count: number;
    }[];
  const patch = async (body: unknown) => expect((await t.req('PATCH', '/api/v1/monitoring/settings', { token: t.adminToken, body })).status).toBe(200);
  const run = (chunk = 2) => t.node.services.monitoring.retention.run(clock, 10_000, chunk);
  /** One item per reading: [age in days, minutes past 03:00, avg, count]. */
  const shape = (items: { ts: number; avg: number; count: number }[]) => items.map((b) => [Math.round((clock - b.ts) / DAY), ((b.ts - clock) % DAY + DAY) % DAY / 60_000, b.avg, b.count]);

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    for (const code of ['WL1', 'WL2']) {
      const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: t.adminToken, body: { code, kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
      expect(r.status).toBe(201);
    }
    const readings = [
      ...ages.flatMap((d) => [0, 1, 2].map((i) => ({ sensor: 'WL1', ts: at(d, i), value: 90 + i }))),
      { sensor: 'WL2', ts: at(450, 0), value: 50 },
      { sensor: 'WL2', ts: at(2, 0), value: 51 },
    ];
    expect((await post(readings)).accepted).toBe(17);
    await settle();
  });
  afterAll(async () => t?.cleanup());

  const everyReading = ages.flatMap((d) => [0, 1, 2].map((i) => [d, i * 10, 90 + i, 1]));

  it('removes 10-minute rollups older than 400 days by default, per sensor in chunks, keeping hourly and daily ones', async () => {
    expect(await counts()).toEqual({ 600: 17, 3600: 7, 86400: 7 });
    expect(shape(await series('10m'))).toEqual(everyReading);
    // WL1: nine rows in chunks of 2, 2, 2, 2, 1; WL2: one.
    expect((await run()).rollups).toEqual({ cutoff: horizon, deleted: 10, chunks: 6 });
    expect(await counts()).toEqual({ 600: 7, 3600: 7, 86400: 7 });
    const stored = await t.node.store.db.selectFrom('settings').select('value').where('key', '=', 'monitoring.rollups.600.horizon').executeTakeFirstOrThrow();
    expect(Number(stored.value)).toBe(horizon);
  });

  it('answers 10-minute steps past the horizon from raw readings, with the same figures as before', async () => {
    expect(shape(await series('10m'))).toEqual(everyReading);
    // 20-minute steps merge the two sources in one answer: a day's 03:00 and 03:10 readings, then 03:20.
    expect(shape(await series('20m'))).toEqual(ages.flatMap((d) => [[d, 0, 90.5, 2], [d, 20, 92, 1]]));
    expect((await series('1h')).map((b) => b.count)).toEqual([3, 3, 3, 3, 3]);
  });

  it('counts a late reading from before the horizon once, and the next run removes the rollup it brought back', async () => {
    expect((await post([{ sensor: 'WL1', ts: at(420, 0) + 5 * 60_000, value: 94 }])).accepted).toBe(1);
    await settle();
    expect(await counts()).toEqual({ 600: 8, 3600: 7, 86400: 7 });
    const day420 = (await series('10m')).filter((b) => Math.round((clock - b.ts) / DAY) === 420);
    expect(day420).toEqual([
      { ts: at(420, 0), value: 92, min: 90, max: 94, avg: 92, count: 2 },
      { ts: at(420, 1), value: 91, min: 91, max: 91, avg: 91, count: 1 },
      { ts: at(420, 2), value: 92, min: 92, max: 92, avg: 92, count: 1 },
    ]);
    expect((await run()).rollups).toEqual({ cutoff: horizon, deleted: 1, chunks: 1 });
    expect(await counts()).toEqual({ 600: 7, 3600: 7, 86400: 7 });
  });

  it('answers only what exists once raw readings past their own retention are gone too', async () => {
    await patch({ retentionDays: 410 });
    const r = await run();
    expect(r).toMatchObject({ cutoff: clock - 410 * DAY, deleted: 8, rollups: { cutoff: horizon, deleted: 0, chunks: 0 } });
    expect(shape(await series('10m'))).toEqual(everyReading.filter(([age]) => age! < 410));
    // The hourly rollups keep every day, the late reading included.
    expect((await series('1h')).map((b) => b.count)).toEqual([3, 4, 3, 3, 3]);
  });

  it('never moves the horizon back: a longer setting keeps what is left, and none keeps everything from now on', async () => {
    await patch({ tenMinuteRetentionDays: 800 });
    expect((await run()).rollups).toEqual({ cutoff: horizon, deleted: 0, chunks: 0 });
    await patch({ tenMinuteRetentionDays: null });
    expect((await run()).rollups).toEqual({ cutoff: null, deleted: 0, chunks: 0 });
    expect(await counts()).toEqual({ 600: 7, 3600: 7, 86400: 7 });
    expect(shape(await series('10m'))).toEqual(everyReading.filter(([age]) => age! < 410));
  });
});
