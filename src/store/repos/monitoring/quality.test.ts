import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestStore, STORE_KINDS, type TestStore } from '../../../../test/support/stores.ts';
import { newAlarm } from '../../../domain/monitoring/index.ts';
import { pgBulk } from './bulk-pg.ts';
import { sqliteBulk } from './bulk-sqlite.ts';
import type { FlushPlan } from './plan-types.ts';
import { insertQualityFlags } from './quality.ts';

describe.each(STORE_KINDS)('quality flags store (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
  });
  afterAll(async () => t?.cleanup());

  const bulk = {
    async recentBefore(sensors: { key: number; before: number }[], limit: number) {
      return t.store.sqlite ? sqliteBulk(t.store.sqlite).recentBefore(sensors, limit) : t.store.db.transaction().execute((tx) => pgBulk.recentBefore(tx, sensors, limit));
    },
    async apply(plan: FlushPlan, now: number) {
      if (t.store.sqlite) {
        const b = sqliteBulk(t.store.sqlite);
        return b.transaction(() => b.apply(plan, now));
      }
      await t.store.db.transaction().execute((tx) => pgBulk.apply(tx, plan, now));
    },
  };

  it('stores a backfill of 20,000 flags in one call (past SQLite’s parameter limit), each once', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ sensor_key: 1 + (i % 7), ts: 1_000 + i, flag: 'stuck', detail: null, created_at: 1 }));
    await insertQualityFlags(t.store.db, rows);
    await insertQualityFlags(t.store.db, rows.slice(0, 10));
    const n = await t.store.db.selectFrom('readings_quality').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(20_000);
  });

  it('seeds windows with each sensor’s last stored readings before its first new one, ascending', async () => {
    const rows = [];
    for (let i = 0; i < 20; i++) rows.push({ sensor_key: 101, ts: 10_000 + i * 60_000, value: i });
    rows.push({ sensor_key: 102, ts: 10_000, value: 7.5 });
    await t.store.db.insertInto('readings').values(rows).execute();
    const seeds = await bulk.recentBefore([{ key: 101, before: 10_000 + 15 * 60_000 }, { key: 102, before: 20_000 }, { key: 103, before: 20_000 }], 12);
    expect(seeds.get(101)!.map((r) => r.value)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(seeds.get(101)![0]).toEqual({ ts: 10_000 + 3 * 60_000, value: 3 });
    expect(seeds.get(102)).toEqual([{ ts: 10_000, value: 7.5 }]);
    expect(seeds.get(103) ?? []).toEqual([]);
    expect((await bulk.recentBefore([], 12)).size).toBe(0);
  });

  it('writes a flush’s quality flags and a stuck alarm opened and recovered in it', async () => {
    const now = 5_000_000;
    const alarm = newAlarm({ id: `q-${kind}`, siteId: 'site-1', sensorId: 's-200', regionCode: '140105', enterpriseId: 'e1', kind: 'quality', level: 'blue', message: 'stuck', openedAt: 1_000, now, originNode: 'n1' });
    const plan: FlushPlan = {
      rollups: [],
      states: [],
      alarmInserts: [alarm],
      alarmUpdates: [],
      actions: [],
      changes: [],
      qualityFlags: [
        { sensor_key: 200, ts: 2_000, flag: 'stuck', detail: JSON.stringify({ count: 12, sinceTs: 1_000 }), created_at: now },
        { sensor_key: 200, ts: 2_000, flag: 'spike', detail: null, created_at: now },
      ],
      qualityRecoveries: [{ id: alarm.id, recovered_at: 3_000, updated_at: now + 1 }],
      touched: [],
    };
    await bulk.apply(plan, now);
    const flags = await t.store.db.selectFrom('readings_quality').select(['ts', 'flag', 'detail']).where('sensor_key', '=', 200).orderBy('flag').execute();
    expect(flags.map((f) => [Number(f.ts), f.flag])).toEqual([[2_000, 'spike'], [2_000, 'stuck']]);
    const stored = await t.store.db.selectFrom('alarms').select(['recovered_at', 'current_level', 'updated_at']).where('id', '=', alarm.id).executeTakeFirstOrThrow();
    expect({ ...stored, recovered_at: Number(stored.recovered_at), updated_at: Number(stored.updated_at) }).toEqual({ recovered_at: 3_000, current_level: null, updated_at: now + 1 });
    // A recovery already recorded is not moved by another.
    await bulk.apply({ ...plan, alarmInserts: [], qualityFlags: [], qualityRecoveries: [{ id: alarm.id, recovered_at: 9_000, updated_at: now + 2 }] }, now);
    const again = await t.store.db.selectFrom('alarms').select('recovered_at').where('id', '=', alarm.id).executeTakeFirstOrThrow();
    expect(Number(again.recovered_at)).toBe(3_000);
  });
});
