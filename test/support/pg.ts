import os from 'node:os';
import pg from 'pg';

/** The local PostgreSQL server the tests use (trust auth); override with KUANGAN_TEST_PG. */
export function adminPgUrl(): string {
  return process.env.KUANGAN_TEST_PG ?? `postgres://${os.userInfo().username}@127.0.0.1:5432/test`;
}

let counter = 0;

/** A throwaway database `kuangan_test_<pid>_<n>`, dropped by the returned function. */
export async function createTempPgDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `kuangan_test_${process.pid}_${Date.now() % 100000}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminPgUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminPgUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminPgUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
