import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as rebuildForwardedRollups } from '../../store/migrations/2026112907_forwarded_rollups.ts';
import { loadRows, type Entity } from '../../store/repos/network/outbox.ts';
import { makeEnterprise, makeSite } from '../../../test/support/factories.ts';
import { makeTestNode, type TestNode } from '../../../test/support/node.ts';
import { STORE_KINDS } from '../../../test/support/stores.ts';

const MIN = 60_000;
/** 23:00 China Standard Time on 1 June 2025: two hours of readings cross local midnight. */
const BASE = Date.UTC(2025, 5, 1, 15, 0);

// The province on either store receives a county's forwarded readings (the county on SQLite, driven in-process).
for (const kind of STORE_KINDS) describe(`rollups of forwarded readings at the province (${kind})`, () => {
  let province: TestNode;
  let county: TestNode;
  let countyToken: string;
  let countyId: string;
  let sensorId: string;
  let siteCode: string;

  const push = async (body: Record<string, unknown>) => {
    const r = await province.req('POST', '/api/v1/sync/push', { token: countyToken, body: { node: countyId, ...body } });
    expect(r.status).toBe(200);
    return r.body as { ack: number; applied: number; duplicates: number; held: string | null; liveAck?: number | null };
  };
  // 24 readings five minutes apart, value = index: seq i + 1 is reading i.
  const reading = (i: number): [number, string, number, number] => [i + 1, sensorId, BASE + i * 5 * MIN, i];
  const readings = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => reading(from + k));
  const series = async (step: string, from: number, to: number) => {
    const r = await province.req('GET', `/api/v1/sites/${siteCode}/sensors/WL1/readings?from=${from}&to=${to}&step=${step}`, { token: province.adminToken });
    expect(r.status).toBe(200);
    return (r.body.items as { ts: number; count: number; min: number; max: number; avg: number }[]).map(({ ts, count, min, max, avg }) => ({ ts, count, min, max, avg }));
  };

  beforeAll(async () => {
    province = await makeTestNode(kind, { level: 'province', region: '140000' });
    county = await makeTestNode('sqlite', { level: 'county', region: '140105' });
    const reg = await province.req('POST', '/api/v1/network/nodes', { token: province.adminToken, body: { level: 'county', region: '140105' } });
    expect(reg.status).toBe(201);
    countyToken = reg.body.token;
    countyId = county.node.deps.nodeId;
    // The county's own records, as its uplink would send them: enterprise, site, sensor.
    const ent = await makeEnterprise(county, county.adminToken);
    const site = await makeSite(county, county.adminToken, ent);
    siteCode = site.code;
    const sensor = await county.req('POST', `/api/v1/sites/${site.code}/sensors`, { token: county.adminToken, body: { code: 'WL1', kind: 'water_level', expectedIntervalSec: 300, thresholds: { direction: 'above', red: 1000 } } });
    expect(sensor.status).toBe(201);
    sensorId = sensor.body.id;
    const items = [];
    for (const [seq, entity, id] of [[1, 'enterprise', ent.id], [2, 'site', site.id], [3, 'sensor', sensorId]] as [number, Entity, string][]) {
      const row = (await loadRows(county.node.deps.store.db, entity, [id])).get(id)!;
      items.push({ seq, entity, id, origin: countyId, version: Number(row.version), row });
    }
    const r = await push({ stream: 'records', from: 0, to: 3, items });
    expect(r).toMatchObject({ ack: 3, applied: 3 });
  });
  afterAll(async () => {
    await county?.cleanup();
    await province?.cleanup();
  });

  it('answers 10-minute, hourly and daily steps for the forwarded sensor, counting replays once', async () => {
    // In line: readings 0–7; a live batch of 16–23 ahead of the ack, delivered twice (its answer lost);
    // then a backfill through the live range (the child lost its live cursor), and a replay from 0.
    expect(await push({ stream: 'readings', from: 0, to: 8, readings: readings(0, 8) })).toMatchObject({ ack: 8, applied: 8, duplicates: 0 });
    expect(await push({ stream: 'readings', from: 16, to: 24, live: true, readings: readings(16, 24) })).toMatchObject({ ack: 8, applied: 8, duplicates: 0, liveAck: 24 });
    expect(await push({ stream: 'readings', from: 16, to: 24, live: true, readings: readings(16, 24) })).toMatchObject({ ack: 8, applied: 0, duplicates: 8, liveAck: 24 });
    expect(await push({ stream: 'readings', from: 8, to: 24, readings: readings(8, 24) })).toMatchObject({ ack: 24, applied: 8, duplicates: 8 });
    expect(await push({ stream: 'readings', from: 0, to: 24, readings: readings(0, 24) })).toMatchObject({ ack: 24, applied: 0, duplicates: 24 });

    await expectSeries();
    // Written with the writer's buffer: nothing is left above the rollups' watermark for a restart to count again.
    expect(await province.node.services.monitoring.writer.recoverRollups()).toBe(0);
    await expectSeries();
  });

  it('rebuilds the rollups of forwarded sensors on a store from before they were kept', async () => {
    const { db } = province.node.deps.store;
    // One of the province's own sensors, with a rollup its writer kept (by hand here): left as it is.
    const site = await makeSite(province, province.adminToken, await makeEnterprise(province, province.adminToken));
    const own = await province.req('POST', `/api/v1/sites/${site.code}/sensors`, { token: province.adminToken, body: { code: 'OWN', kind: 'water_level', expectedIntervalSec: 300, thresholds: { direction: 'above', red: 1000 } } });
    expect(own.status).toBe(201);
    const key = Number((await db.selectFrom('sensors').select('key').where('id', '=', own.body.id).executeTakeFirstOrThrow()).key);
    await db.deleteFrom('rollups').execute();
    await db.insertInto('rollups').values({ sensor_key: key, bucket_sec: 600, bucket_start: BASE, count: 1, sum: 5, min: 5, max: 5, first_ts: BASE, first_value: 5, last_ts: BASE, last_value: 5 }).execute();
    await rebuildForwardedRollups(db);
    await expectSeries();
    expect(await db.selectFrom('rollups').select(['sensor_key', 'count']).execute()).toEqual(expect.arrayContaining([{ sensor_key: key, count: 1 }]));
    expect(await db.selectFrom('rollups').select('sensor_key').where('sensor_key', '=', key).execute()).toHaveLength(1);
  });

  async function expectSeries() {
    const raw = await province.req('GET', `/api/v1/sites/${siteCode}/sensors/WL1/readings?from=${BASE}&to=${BASE + 120 * MIN}`, { token: province.adminToken });
    expect(raw.body.items).toHaveLength(24);

    // Ten-minute buckets hold readings 2k and 2k + 1.
    expect(await series('10m', BASE, BASE + 120 * MIN)).toEqual(
      Array.from({ length: 12 }, (_, k) => ({ ts: BASE + k * 10 * MIN, count: 2, min: 2 * k, max: 2 * k + 1, avg: 2 * k + 0.5 })),
    );
    expect(await series('1h', BASE, BASE + 120 * MIN)).toEqual([
      { ts: BASE, count: 12, min: 0, max: 11, avg: 5.5 },
      { ts: BASE + 60 * MIN, count: 12, min: 12, max: 23, avg: 17.5 },
    ]);
    // Days begin at local midnight (16:00 UTC): 23:00–23:55 on 1 June, 00:00–00:55 on 2 June.
    const midnight = BASE + 60 * MIN;
    expect(await series('1d', midnight - 2 * 1440 * MIN, midnight + 1440 * MIN)).toEqual([
      { ts: midnight - 1440 * MIN, count: 12, min: 0, max: 11, avg: 5.5 },
      { ts: midnight, count: 12, min: 12, max: 23, avg: 17.5 },
    ]);
  }
});
