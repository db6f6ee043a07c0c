/**
 * The hazard ledger at 1,000,000 rows: fills a fresh store (SQLite, or PostgreSQL with DATABASE_URL)
 * spread over Shanxi's counties, 2,000 enterprises and 5 years, then times the list and statistics
 * queries as each kind of user sends them. Run: npx tsx bench/hazards.ts [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../src/store/db.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { hazardCounts, listHazards } from '../src/store/repos/dualprev/hazards.ts';
import { SHANXI_REGIONS } from '../src/domain/regions/shanxi.ts';
import type { Scope } from '../src/domain/access/policy.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const url = process.env.DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-bench-hz-'));
const store = openStore({ dataDir: dir, databaseUrl: url });
await migrateToLatest(store.db);
const counties = SHANXI_REGIONS.filter((r) => r.level === 'county').map((r) => r.code);
const NOW = Date.UTC(2026, 11, 1);
const YEAR = 365 * 86_400_000;
const STATES = ['registered', 'planned', 'rectified', 'verified', 'closed', 'closed', 'closed', 'closed'];

const t0 = performance.now();
if (store.dialect === 'sqlite') {
  const db = store.sqlite!;
  db.exec('DROP TRIGGER IF EXISTS hazards_outbox_insert');
  const ins = db.prepare(
    `INSERT INTO hazards (id, region_code, city_code, province_code, enterprise_id, site_id, version, origin_node, created_at, updated_at, description, grade, source, photos, deadline, state, rejections)
     VALUES (?, ?, ?, '140000', ?, ?, 1, 'bench', ?, ?, '测试隐患', ?, 'check', '[]', ?, ?, 0)`,
  );
  const fill = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const ent = i % 2000;
      const created = NOW - Math.floor(((i * 7919) % N) / N * 5 * YEAR);
      const county = counties[ent % counties.length]!;
      ins.run(`h${String(i).padStart(8, '0')}`, county, `${county.slice(0, 4)}00`, `e${ent}`, `s${ent}`, created, created, i % 20 === 0 ? 'major' : 'general', created + 15 * 86_400_000, STATES[i % STATES.length]);
    }
  });
  for (let i = 0; i < N; i += 50_000) fill(i, Math.min(N, i + 50_000));
} else {
  await sql`ALTER TABLE hazards DISABLE TRIGGER hazards_outbox`.execute(store.db);
  await sql`INSERT INTO hazards (id, region_code, city_code, province_code, enterprise_id, site_id, version, origin_node, created_at, updated_at, description, grade, source, photos, deadline, state, rejections)
    SELECT 'h' || lpad(i::text, 8, '0'), (${sql.val(counties)}::text[])[1 + (i % 2000) % ${counties.length}],
      substr((${sql.val(counties)}::text[])[1 + (i % 2000) % ${counties.length}], 1, 4) || '00', '140000', 'e' || (i % 2000), 's' || (i % 2000), 1, 'bench',
      ${NOW} - floor(((i * 7919) % ${N})::float8 / ${N} * 5 * ${YEAR})::bigint, ${NOW}, '测试隐患', CASE WHEN i % 20 = 0 THEN 'major' ELSE 'general' END, 'check', '[]',
      ${NOW} - floor(((i * 7919) % ${N})::float8 / ${N} * 5 * ${YEAR})::bigint + 15 * 86400000, (${sql.val(STATES)}::text[])[1 + i % 8], 0
    FROM generate_series(0::bigint, ${N - 1}::bigint) AS i`.execute(store.db);
  await sql`ANALYZE hazards`.execute(store.db);
}
console.log(`${store.dialect}: ${N} hazards written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function time(label: string, f: () => Promise<unknown>) {
  await f();
  const runs = 5;
  const s = performance.now();
  for (let i = 0; i < runs; i++) await f();
  console.log(`${label.padEnd(52)} ${((performance.now() - s) / runs).toFixed(1).padStart(8)} ms`);
}
const page = { limit: 50, offset: 0, now: NOW };
const scopes: [string, Scope][] = [
  ['province (all)', { all: false, regionPrefix: '14' }],
  ['city 太原', { all: false, regionPrefix: '1401' }],
  ['county 小店区', { all: false, regionPrefix: '140105' }],
  ['enterprise', { all: false, enterpriseId: 'e7' }],
];
if (process.env.BENCH_ONLY_FILL) process.exit(0);
for (const [name, scope] of scopes) {
  await time(`list, ${name}`, () => listHazards(store.db, { ...page, scope }));
  await time(`list overdue major, ${name}`, () => listHazards(store.db, { ...page, scope, overdue: true, grade: 'major' }));
  await time(`stats this year, ${name}`, () => hazardCounts(store.db, { scope, from: NOW - YEAR, to: NOW, now: NOW }));
}
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
