/**
 * Timing of the lists and statistics an officer opens: p50/p99 over repeated runs of each query, one
 * line per query, and the house target (200 ms p99) checked with `--check`. Shared by hazards.ts and
 * tasks.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/store/db.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

export const TARGET_P99_MS = 200;

export interface BenchArgs {
  rows: number;
  runs: number;
  check: boolean;
  /** Fill only, then exit (the next run reuses the store). */
  fillOnly: boolean;
}

export function parseArgs(defaultRows: number): BenchArgs {
  const argv = process.argv.slice(2);
  const num = argv.find((a) => /^\d+$/.test(a));
  return {
    rows: Number(num ?? defaultRows),
    runs: Math.max(20, Number(process.env.BENCH_RUNS ?? 20)),
    check: argv.includes('--check'),
    fillOnly: argv.includes('--fill-only') || !!process.env.BENCH_ONLY_FILL,
  };
}

/**
 * The store to measure: PostgreSQL with DATABASE_URL, else SQLite in BENCH_DIR (kept, so that a
 * second run reuses the rows) or a temporary directory removed at the end.
 */
export async function openBenchStore(): Promise<{ store: Store; done(): Promise<void> }> {
  const keep = process.env.BENCH_DIR;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-bench-'));
  const store = openStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
  const t0 = performance.now();
  const r = await migrateToLatest(store.db);
  if (r.applied.length) console.log(`${store.dialect}: ${r.applied.length} migrations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return {
    store,
    async done() {
      await store.close();
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function countRows(store: Store, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * PostgreSQL after a bulk fill: the statistics and visibility map autovacuum would have made. SQLite
 * is left without statistics, as the server runs it (it never runs ANALYZE).
 */
export async function settle(store: Store, tables: string[]): Promise<void> {
  if (store.dialect !== 'postgres') return;
  for (const t of tables) await sql.raw(`VACUUM ANALYZE ${t}`).execute(store.db);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export interface Timer {
  time(label: string, f: () => Promise<unknown>): Promise<void>;
  /** Prints the misses; the exit code the run should end with. */
  finish(): number;
}

export function timer(dialect: string, args: BenchArgs): Timer {
  const missed: string[] = [];
  return {
    async time(label, f) {
      await f();
      const ms: number[] = [];
      for (let i = 0; i < args.runs; i++) {
        const s = performance.now();
        await f();
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      const p50 = pct(ms, 50);
      const p99 = pct(ms, 99);
      const miss = p99 > TARGET_P99_MS;
      if (miss) missed.push(`${dialect} ${label}: p99 ${p99.toFixed(1)} ms`);
      console.log(`${dialect.padEnd(8)} ${label.padEnd(48)} p50 ${p50.toFixed(1).padStart(7)} ms   p99 ${p99.toFixed(1).padStart(7)} ms${miss ? '   MISSED' : ''}`);
    },
    finish() {
      if (!args.check) return 0;
      if (!missed.length) {
        console.log(`every p99 within ${TARGET_P99_MS} ms`);
        return 0;
      }
      console.log(`p99 over ${TARGET_P99_MS} ms:\n  ${missed.join('\n  ')}`);
      return 1;
    },
  };
}
