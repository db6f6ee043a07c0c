import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createTempPgDatabase } from './pg.ts';

export interface TestStore {
  store: Store;
  cleanup(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

/** A migrated, empty store of the given kind: a temp SQLite file or a throwaway PostgreSQL database. */
export async function makeTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-test-'));
    const store = openStore({ dataDir: dir });
    await migrateToLatest(store.db);
    return {
      store,
      async cleanup() {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const tmp = await createTempPgDatabase();
  const store = openStore({ dataDir: os.tmpdir(), databaseUrl: tmp.url });
  await migrateToLatest(store.db);
  return {
    store,
    async cleanup() {
      await store.close();
      await tmp.drop();
    },
  };
}
