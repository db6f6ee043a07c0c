import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestStore, STORE_KINDS, type TestStore } from '../../../../test/support/stores.ts';
import { insertQualityFlags } from './quality.ts';

describe.each(STORE_KINDS)('quality flags store (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
  });
  afterAll(async () => t?.cleanup());

  it('stores a backfill of 20,000 flags in one call (past SQLite’s parameter limit), each once', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ sensor_key: 1 + (i % 7), ts: 1_000 + i, flag: 'stuck', detail: null, created_at: 1 }));
    await insertQualityFlags(t.store.db, rows);
    await insertQualityFlags(t.store.db, rows.slice(0, 10));
    const n = await t.store.db.selectFrom('readings_quality').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(20_000);
  });
});
