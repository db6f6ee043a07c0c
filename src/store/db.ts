import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

// PostgreSQL returns bigint (int8) and numeric as strings; our timestamps are epoch ms in bigint columns.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction: repository functions accept both. */
export type Executor = Db | Tx;

export interface Store {
  db: Db;
  dialect: Dialect;
  /** The raw better-sqlite3 handle, for the few bulk paths that bypass the query builder (telemetry). */
  sqlite?: SQLite.Database;
  /** The raw pg pool, for COPY-style bulk paths. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface StoreOptions {
  dataDir: string;
  databaseUrl?: string;
  /** SQLite file name inside dataDir; ':memory:' for a throwaway store. */
  sqliteFile?: string;
}

/** The better-sqlite3 handle behind each SQLite query builder (not its transactions). */
const sqliteHandles = new WeakMap<object, SQLite.Database>();

/**
 * The raw SQLite handle behind `db` when it is a SQLite store's query builder outside a transaction,
 * for reads of thousands of rows: the builder's rows are objects, and better-sqlite3 builds those
 * several times slower than arrays. Undefined on PostgreSQL and inside a transaction.
 */
export function sqliteHandleOf(db: Executor): SQLite.Database | undefined {
  return sqliteHandles.get(db);
}

export function openStore(opts: StoreOptions): Store {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openSqlite(opts);
}

function openSqlite(opts: StoreOptions): Store {
  const file = opts.sqliteFile ?? 'kuangan.sqlite';
  let filename = file;
  if (file !== ':memory:') {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    filename = path.join(opts.dataDir, file);
  }
  const sqlite = new SQLite(filename);
  sqlite.pragma('journal_mode = WAL');
  // FULL: every commit is on disk before it is acknowledged (WAL + NORMAL can lose the last commits on power loss).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('wal_autocheckpoint = 20000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  sqliteHandles.set(db, sqlite);
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, an administrator) is dropped by the pool and
  // replaced at the next query; unheard, its error would end the process.
  pool.on('error', (err) => console.error('[store] idle PostgreSQL connection lost:', err.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    pool,
    async close() {
      await db.destroy();
    },
  };
}
