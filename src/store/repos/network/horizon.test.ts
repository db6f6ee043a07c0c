import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestStore, type TestStore } from '../../../../test/support/stores.ts';
import { createHorizon } from './horizon.ts';

/**
 * Two writers on PostgreSQL whose sequence numbers commit out of order: the reader must never move
 * past a number whose transaction is still open, and must pass a gap once it is final (rolled back).
 */
describe('read horizon on PostgreSQL with two concurrent writers', () => {
  let t: TestStore;
  let a: pg.Client;
  let b: pg.Client;
  beforeAll(async () => {
    t = await makeTestStore('postgres');
    const url = (t.store as { pool?: pg.Pool }).pool!.options.connectionString!;
    a = new pg.Client({ connectionString: url });
    b = new pg.Client({ connectionString: url });
    await a.connect();
    await b.connect();
  });
  afterAll(async () => {
    await a?.end();
    await b?.end();
    await t?.cleanup();
  });

  const insert = async (c: pg.Client, ts: number) => Number((await c.query('INSERT INTO readings(sensor_key, ts, value) VALUES (1, $1, 1) RETURNING seq', [ts])).rows[0].seq);
  const visible = async () => (await t.store.db.selectFrom('readings').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('stops before an uncommitted number and passes a rolled-back one once it is final', { timeout: 30_000 }, async () => {
    const h = createHorizon();
    await a.query('BEGIN');
    const s1 = await insert(a, 1);
    await b.query('BEGIN');
    const s2 = await insert(b, 2);
    await b.query('COMMIT');
    expect(s2).toBeGreaterThan(s1);
    // A plain reader would see s2 alone and move its cursor past s1.
    expect(await visible()).toEqual([s2]);
    for (let i = 0; i < 3; i++) {
      expect(await h.upTo(t.store, 'readings', 0)).toBe(s1 - 1);
      await sleep(60);
    }
    await a.query('COMMIT');
    expect(await h.upTo(t.store, 'readings', 0)).toBe(s2);

    // A rolled-back number leaves a permanent gap: held while open, passed once final.
    await a.query('BEGIN');
    const s3 = await insert(a, 3);
    const s4 = await insert(b, 4);
    expect(await h.upTo(t.store, 'readings', s2)).toBe(s2);
    await sleep(60);
    expect(await h.upTo(t.store, 'readings', s2)).toBe(s2);
    await a.query('ROLLBACK');
    expect(s4).toBe(s3 + 1);
    let bound = s2;
    // Transaction ids are the cluster's: a transaction open in another database (another test running
    // beside this one) holds the snapshot's xmin back, and the gap is passed only once it has ended.
    for (let i = 0; i < 200 && bound < s4; i++) {
      await sleep(60);
      bound = await h.upTo(t.store, 'readings', s2);
    }
    expect(bound).toBe(s4);
  });
});
