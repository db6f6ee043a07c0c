import os from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTempPgDatabase } from '../../test/support/pg.ts';
import { openStore, type Store } from './db.ts';

let tmp: Awaited<ReturnType<typeof createTempPgDatabase>>;
let store: Store;

beforeAll(async () => {
  tmp = await createTempPgDatabase();
  store = openStore({ dataDir: os.tmpdir(), databaseUrl: tmp.url });
});
afterAll(async () => {
  await store?.close();
  await tmp?.drop();
});

it('survives the server ending its idle connections (a restart, an administrator) and queries again', async () => {
  // Two connections open and back in the pool, idle.
  await Promise.all([sql`SELECT pg_sleep(0.05)`.execute(store.db), sql`SELECT pg_sleep(0.05)`.execute(store.db)]);
  expect(store.pool!.idleCount).toBe(2);
  const ended = await sql<{ n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(store.db);
  expect(ended.rows[0]!.n).toBe(1);
  await new Promise((r) => setTimeout(r, 200));
  const r = await sql<{ one: number }>`SELECT 1 AS one`.execute(store.db);
  expect(r.rows[0]!.one).toBe(1);
});
