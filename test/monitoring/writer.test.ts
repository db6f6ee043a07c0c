import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/services/monitoring/catalog.ts';
import type { Point } from '../../src/services/monitoring/plan.ts';
import { createWriter } from '../../src/services/monitoring/writer.ts';
import type { Sensor } from '../../src/store/repos/monitoring/sensors.ts';
import { up as perfMigration } from '../../src/store/migrations/2026112905_monitoring_perf.ts';
import { makeTestStore, STORE_KINDS, type TestStore } from '../support/stores.ts';

const T0 = Date.UTC(2026, 0, 10, 0);
const sensor = (key: number): Sensor => ({
  key,
  id: `s-${key}`,
  siteId: 'site-1',
  code: `WL${key}`,
  name: null,
  kind: 'water_level',
  unit: 'm',
  position: { section: null, elevation: null, x: null, y: null },
  expectedIntervalSec: 600,
  thresholds: { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103, minCount: 2 } as Sensor['thresholds'],
  rateRule: null,
  derived: null,
  disabled: false,
  createdAt: T0,
  updatedAt: T0,
  version: 1,
  originNode: 'n1',
});

/** The group-committing writer on each store: repeats inside one flush, and point states written only on change. */
describe.each(STORE_KINDS)('telemetry writer (%s)', (kind) => {
  let t: TestStore;
  const points = new Map<string, Point>();
  let now = T0 + 3_600_000;
  let writer: ReturnType<typeof createWriter>;
  const row = (key: number, min: number, value: number, index = 0) => ({ key, ts: T0 + min * 60_000, value, index });

  beforeAll(async () => {
    t = await makeTestStore(kind);
    const catalog = createCatalog();
    for (const k of [1, 2, 3]) catalog.put(sensor(k), { id: 'site-1', code: 'P1', region: '140105', enterprise: 'e1', kind: 'tailings_pond' });
    writer = createWriter({ store: t.store, catalog, points, now: () => now, nodeId: 'n1', utcOffsetMin: 480, windowMs: 5 });
  });
  afterAll(async () => t?.cleanup());

  const states = async () =>
    (await t.store.db.selectFrom('point_states').select(['sensor_key', 'state', 'updated_at']).orderBy('sensor_key').execute()).map((r) => ({
      key: Number(r.sensor_key),
      updatedAt: Number(r.updated_at),
      state: JSON.parse(r.state),
    }));

  it('stores the first of equal readings in one flush and counts the others, across statement chunks', async () => {
    // 250 rows: three whole sensors' minutes plus repeats at 5 → 120 (same chunk boundary crossed) and 7 → 240.
    const a = Array.from({ length: 120 }, (_, i) => row(1, i, 90 + i / 1000, i));
    const b = Array.from({ length: 120 }, (_, i) => row(2, i, 91, i));
    b[0] = row(1, 5, 50, 0); // repeat of a[5], another request, different value
    const c = [row(1, 7, 60, 0), row(3, 0, 95, 1), row(3, 0, 96, 2)];
    const [ra, rb, rc] = await Promise.all([writer.submit(a), writer.submit(b), writer.submit(c)]);
    expect(ra).toEqual({ accepted: 120, duplicates: 0 });
    expect(rb).toEqual({ accepted: 119, duplicates: 1 });
    expect(rc).toEqual({ accepted: 1, duplicates: 2 });
    const stored = await t.store.db.selectFrom('readings').select(['sensor_key', 'ts', 'value']).where('sensor_key', '=', 1).where('ts', 'in', [T0 + 5 * 60_000, T0 + 7 * 60_000]).orderBy('ts').execute();
    expect(stored.map((r) => r.value)).toEqual([90.005, 90.007]);
    const s3 = await t.store.db.selectFrom('readings').select('value').where('sensor_key', '=', 3).execute();
    expect(s3.map((r) => r.value)).toEqual([95]);
    expect(await writer.submit([row(2, 1, 91, 0), row(2, 500, 91, 1)])).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('writes a point state when its durable part changes, not for every reading', async () => {
    // Sensor 2's reading at minute 500 changed only its last reading: the stored state stays at 119.
    const first = await states();
    expect(first.map((s) => [s.key, s.state.lastTs, s.state.level])).toEqual([[1, T0 + 119 * 60_000, null], [2, T0 + 119 * 60_000, null], [3, T0, null]]);
    now += 1000;
    await writer.submit([row(1, 600, 95), row(1, 601, 96)]);
    expect(await states()).toEqual(first);
    expect(points.get('1|value')!.state.lastTs).toBe(T0 + 601 * 60_000);
    // One reading reaching blue starts a streak (minCount 2): durable, written.
    now += 1000;
    await writer.submit([row(1, 602, 100.5)]);
    const after = await states();
    expect(after[0]!.updatedAt).toBe(now);
    expect(after[0]!.state.pending).toEqual({ blue: { since: T0 + 602 * 60_000, count: 1 } });
    expect(after[0]!.state.lastTs).toBe(T0 + 602 * 60_000);
    expect(after.slice(1)).toEqual(first.slice(1));
  });

  it('plans a flush that meets a stored reading again on what was really stored: the repeat counts once', async () => {
    // Sensor 1 stands at blue's first count (minute 602). The repeat of minute 602 must not count twice;
    // the new reading at 603 makes the streak's second count.
    now += 1000;
    expect(points.get('1|value')!.state.level).toBeNull();
    expect(await writer.submit([row(1, 602, 100.5), row(1, 603, 100.6)])).toEqual({ accepted: 1, duplicates: 1 });
    const after = points.get('1|value')!.state;
    expect(after.lastTs).toBe(T0 + 603 * 60_000);
    // Two distinct readings at blue (minCount 2): blue, reached at 603.
    expect(after.level).toBe('blue');
    const stored = await t.store.db.selectFrom('readings').select('value').where('sensor_key', '=', 1).where('ts', 'in', [T0 + 602 * 60_000, T0 + 603 * 60_000]).orderBy('ts').execute();
    expect(stored.map((r) => r.value)).toEqual([100.5, 100.6]);
  });

  it('keeps 10-minute, hourly and daily rollups of stored readings only', async () => {
    await writer.flushRollups();
    const r = await t.store.db
      .selectFrom('rollups')
      .select(['bucket_sec', 'bucket_start', 'count', 'sum', 'min', 'max'])
      .where('sensor_key', '=', 3)
      .orderBy('bucket_sec')
      .execute();
    expect(r.map((x) => [x.bucket_sec, Number(x.bucket_start), Number(x.count), x.sum])).toEqual([
      [600, T0, 1, 95],
      [3600, T0, 1, 95],
      [86_400, T0 - 8 * 3_600_000, 1, 95],
    ]);
  });

  it('writes rollups about once a second; after a crash, counts the readings whose deltas were lost exactly once', async () => {
    const rollupsOf = async (key: number) =>
      (await t.store.db.selectFrom('rollups').selectAll().where('sensor_key', '=', key).orderBy('bucket_sec').orderBy('bucket_start').execute()).map((x) => [
        x.bucket_sec,
        Number(x.bucket_start),
        Number(x.count),
        x.sum,
        x.min,
        x.max,
        Number(x.first_ts),
        x.first_value,
        Number(x.last_ts),
        x.last_value,
      ]);
    const expected = [
      [600, T0, 2, 4, 1, 3, T0, 1, T0 + 60_000, 3],
      [600, T0 + 600_000, 1, 5, 5, 5, T0 + 660_000, 5, T0 + 660_000, 5],
      [3600, T0, 3, 9, 1, 5, T0, 1, T0 + 660_000, 5],
      [86_400, T0 - 8 * 3_600_000, 3, 9, 1, 5, T0, 1, T0 + 660_000, 5],
    ];
    // The process that crashes: its cadence is an hour, so its deltas are still in memory.
    const catalog = createCatalog();
    const crashed = createWriter({ store: t.store, catalog, points: new Map(), now: () => now, nodeId: 'n1', utcOffsetMin: 480, windowMs: 1, rollupEveryMs: 3_600_000 });
    await crashed.flushRollups();
    expect(await crashed.submit([row(7, 0, 1), row(7, 1, 3), row(7, 11, 5)])).toEqual({ accepted: 3, duplicates: 0 });
    const restarted = createWriter({ store: t.store, catalog, points: new Map(), now: () => now, nodeId: 'n1', utcOffsetMin: 480 });
    expect(await rollupsOf(7)).toEqual([]);
    expect(crashed.pendingRollups(7, 600, T0, T0 + 3_600_000).map((d) => [d.bucketStart, d.count, d.sum])).toEqual([
      [T0, 2, 4],
      [T0 + 600_000, 1, 5],
    ]);
    expect(await restarted.recoverRollups()).toBe(3);
    expect(await rollupsOf(7)).toEqual(expected);
    expect(await restarted.recoverRollups()).toBe(0);
    // The restarted writer's own readings go through its buffer and are written once.
    expect(await restarted.submit([row(7, 12, 7)])).toEqual({ accepted: 1, duplicates: 0 });
    await restarted.flushRollups();
    expect(await restarted.recoverRollups()).toBe(0);
    expect((await rollupsOf(7))[1]).toEqual([600, T0 + 600_000, 2, 12, 5, 7, T0 + 660_000, 5, T0 + 720_000, 7]);
  });

  it('writes the rollups of readings stored by another transaction (a parent storing forwarded ones) with the buffered ones, once', async () => {
    const catalog = createCatalog();
    const w = createWriter({ store: t.store, catalog, points: new Map(), now: () => now, nodeId: 'n1', utcOffsetMin: 480, windowMs: 1, rollupEveryMs: 3_600_000 });
    await w.flushRollups();
    await w.submit([row(8, 0, 2)]);
    const forwarded = [
      { sensor_key: 8, ts: T0 + 60_000, value: 4 },
      { sensor_key: 8, ts: T0 + 120_000, value: 6 },
    ];
    let done: { committed(): void } | null = null;
    await w.exclusive(async () => {
      await t.store.db.transaction().execute(async (tx) => {
        await tx.insertInto('readings').values(forwarded).execute();
        done = await w.storeRollupsWithin(tx, forwarded.map((r) => ({ key: r.sensor_key, ts: r.ts, value: r.value })));
      });
      done!.committed();
    });
    expect(w.pendingRollups(8, 600, T0, T0 + 600_000)).toEqual([]);
    const r = await t.store.db.selectFrom('rollups').select(['bucket_sec', 'count', 'sum', 'min', 'max']).where('sensor_key', '=', 8).orderBy('bucket_sec').execute();
    expect(r.map((x) => [x.bucket_sec, Number(x.count), x.sum, x.min, x.max])).toEqual([
      [600, 3, 12, 2, 6],
      [3600, 3, 12, 2, 6],
      [86_400, 3, 12, 2, 6],
    ]);
    // Nothing is left above the watermark to count again at the next start.
    expect(await createWriter({ store: t.store, catalog, points: new Map(), now: () => now, nodeId: 'n1', utcOffsetMin: 480 }).recoverRollups()).toBe(0);
  });

  it('builds 10-minute rollups from readings stored before them (migration), keeping the others', async () => {
    const before = await t.store.db.selectFrom('rollups').selectAll().orderBy(['sensor_key', 'bucket_sec', 'bucket_start']).execute();
    await t.store.db
      .insertInto('readings')
      .values([
        { sensor_key: 9, ts: T0 + 60_000, value: 3 },
        { sensor_key: 9, ts: T0 + 9 * 60_000, value: 1 },
        { sensor_key: 9, ts: T0 + 2 * 60_000, value: 5 },
        { sensor_key: 9, ts: T0 + 10 * 60_000, value: 7 },
      ])
      .execute();
    await perfMigration(t.store.db);
    const r = await t.store.db.selectFrom('rollups').selectAll().where('sensor_key', '=', 9).orderBy('bucket_start').execute();
    expect(r.map((x) => [x.bucket_sec, Number(x.bucket_start), Number(x.count), x.sum, x.min, x.max, Number(x.first_ts), x.first_value, Number(x.last_ts), x.last_value])).toEqual([
      [600, T0, 3, 9, 1, 5, T0 + 60_000, 3, T0 + 9 * 60_000, 1],
      [600, T0 + 600_000, 1, 7, 7, 7, T0 + 600_000, 7, T0 + 600_000, 7],
    ]);
    const after = await t.store.db.selectFrom('rollups').selectAll().where('sensor_key', '!=', 9).orderBy(['sensor_key', 'bucket_sec', 'bucket_start']).execute();
    expect(after).toEqual(before);
  });
});
