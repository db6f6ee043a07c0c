import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { createTempPgDatabase } from '../test/support/pg.ts';
import { baseTs, TICK_MS, valueAt } from './readings.ts';

export interface RawOptions {
  sensors: number;
  batch: number;
  maxReadings: number;
  maxMs: number;
}

/**
 * A migrated store of the given kind, used only for the raw figure: the same readings table, indexes
 * and (on SQLite) the same pragmas as the node's, so that the raw figure differs from the full path
 * only by what the full path adds.
 */
async function rawStore(kind: 'sqlite' | 'postgres'): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-bench-raw-'));
    const store = openStore({ dataDir: dir });
    await migrateToLatest(store.db);
    return { store, cleanup: async () => (await store.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const tmp = await createTempPgDatabase();
  const store = openStore({ dataDir: os.tmpdir(), databaseUrl: tmp.url });
  await migrateToLatest(store.db);
  return { store, cleanup: async () => (await store.close(), await tmp.drop()) };
}

/** Readings of batch number b: tick-major over the fleet, as the load generator sends them. */
function batchRows(o: RawOptions, b: number, base: number, fn: (key: number, ts: number, value: number) => void) {
  for (let i = b * o.batch; i < (b + 1) * o.batch; i++) {
    const s = i % o.sensors;
    const tick = Math.floor(i / o.sensors);
    fn(s + 1, base + tick * TICK_MS, valueAt(s, tick));
  }
}

/** Rows per multi-row INSERT, as the writer's (store/repos/monitoring/bulk-sqlite.ts). */
const CHUNK = 100;

/**
 * (a) on SQLite, one transaction per batch of `o.batch` readings (a group commit). `chunked`: the
 * writer's statement shape, a multi-row INSERT OR IGNORE of 100 readings; `per-row`: a prepared
 * INSERT OR IGNORE per reading. Readings/s.
 */
export async function rawSqlite(o: RawOptions & { shape: 'chunked' | 'per-row' }): Promise<{ rate: number; readings: number }> {
  if (o.shape === 'chunked' && o.batch % CHUNK) throw new Error(`batch ${o.batch} is not a multiple of ${CHUNK}`);
  const { store, cleanup } = await rawStore('sqlite');
  try {
    const db = store.sqlite!;
    const insert = db.prepare('INSERT OR IGNORE INTO readings (sensor_key, ts, value) VALUES (?, ?, ?)');
    const insertChunk = db.prepare(`INSERT OR IGNORE INTO readings (sensor_key, ts, value) VALUES ${Array(CHUNK).fill('(?, ?, ?)').join(', ')}`);
    const args = new Array<number>(CHUNK * 3);
    const base = baseTs();
    const perRow = (b: number) => batchRows(o, b, base, (k, ts, v) => void insert.run(k, ts, v));
    const chunked = (b: number) => {
      let j = 0;
      batchRows(o, b, base, (k, ts, v) => {
        args[j++] = k;
        args[j++] = ts;
        args[j++] = v;
        if (j === args.length) insertChunk.run(args), (j = 0);
      });
    };
    const tx = db.transaction(o.shape === 'chunked' ? chunked : perRow);
    const t0 = performance.now();
    let b = 0;
    while ((b + 1) * o.batch <= o.maxReadings && performance.now() - t0 < o.maxMs) tx.immediate(b++);
    const ms = performance.now() - t0;
    const stored = (db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
    if (stored !== b * o.batch) throw new Error(`raw SQLite stored ${stored} of ${b * o.batch}`);
    return { rate: (b * o.batch) / (ms / 1000), readings: b * o.batch };
  } finally {
    await cleanup();
  }
}

/** (a) on PostgreSQL: one COPY … FROM STDIN (text format) per batch, each its own transaction. Readings/s. */
export async function rawPgCopy(o: RawOptions): Promise<{ rate: number; readings: number }> {
  const { store, cleanup } = await rawStore('postgres');
  const client = await store.pool!.connect();
  try {
    const base = baseTs();
    const t0 = performance.now();
    let b = 0;
    while ((b + 1) * o.batch <= o.maxReadings && performance.now() - t0 < o.maxMs) {
      const lines: string[] = [];
      batchRows(o, b++, base, (k, ts, v) => lines.push(`${k}\t${ts}\t${v}\n`));
      await pipeline(Readable.from([lines.join('')]), client.query(copyFrom('COPY readings (sensor_key, ts, value) FROM STDIN')));
    }
    const ms = performance.now() - t0;
    const stored = Number((await client.query('SELECT count(*) AS n FROM readings')).rows[0].n);
    if (stored !== b * o.batch) throw new Error(`raw COPY stored ${stored} of ${b * o.batch}`);
    return { rate: (b * o.batch) / (ms / 1000), readings: b * o.batch };
  } finally {
    client.release();
    await cleanup();
  }
}
