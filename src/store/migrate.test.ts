import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestStore, STORE_KINDS, type TestStore } from '../../test/support/stores.ts';
import { migrateToLatest } from './migrate.ts';

describe.each(STORE_KINDS)('migrations on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
  });
  afterAll(async () => t?.cleanup());

  it('creates the foundation tables and is idempotent', async () => {
    const again = await migrateToLatest(t.store.db);
    expect(again.applied).toEqual([]);
    const tables = (await t.store.db.introspection.getTables()).map((x) => x.name);
    for (const name of ['users', 'sessions', 'enterprises', 'sites', 'change_log', 'settings']) {
      expect(tables).toContain(name);
    }
  });
});
