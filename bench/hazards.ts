/**
 * The hazard ledger at a province's size (1,000,000 hazards by default): fills a store (SQLite, or
 * PostgreSQL with DATABASE_URL) spread over Shanxi's counties, 2,000 enterprises and 5 years, then
 * times the lists and statistics an officer opens, as each kind of user sends them, p50/p99 over 20
 * runs. Run: npx tsx bench/hazards.ts [rows] [--check] [--fill-only]; BENCH_DIR keeps the SQLite
 * store for the next run, a filled DATABASE_URL is reused as it is.
 */
import { sql } from 'kysely';
import type { Scope } from '../src/domain/access/policy.ts';
import { chinaYearStart } from '../src/domain/dualprev/instants.ts';
import { SHANXI_REGIONS } from '../src/domain/regions/shanxi.ts';
import type { Store } from '../src/store/db.ts';
import { hazardCounts, listHazards } from '../src/store/repos/dualprev/hazards.ts';
import { countRows, openBenchStore, parseArgs, settle, timer } from './officer.ts';

const args = parseArgs(1_000_000);
const N = args.rows;
const counties = SHANXI_REGIONS.filter((r) => r.level === 'county').map((r) => r.code);
export const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const YEAR = 365 * DAY;
const STATES = ['registered', 'planned', 'rectified', 'verified', 'closed', 'closed', 'closed', 'closed'];

/** One hazard in 20 is major; a quarter are open; the rectified ones took 0–29 days against a 15-day deadline. */
async function fill(store: Store) {
  const t0 = performance.now();
  if (store.dialect === 'sqlite') {
    const db = store.sqlite!;
    db.exec('DROP TRIGGER IF EXISTS hazards_outbox_insert');
    const ins = db.prepare(
      `INSERT INTO hazards (id, region_code, city_code, province_code, enterprise_id, site_id, version, origin_node, created_at, updated_at, description, grade, source, photos, deadline, state, rectified_at, rejections)
       VALUES (?, ?, ?, '140000', ?, ?, 1, 'bench', ?, ?, '测试隐患', ?, 'check', '[]', ?, ?, ?, 0)`,
    );
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const ent = i % 2000;
        const created = NOW - Math.floor((((i * 7919) % N) / N) * 5 * YEAR);
        const county = counties[ent % counties.length]!;
        const state = STATES[i % STATES.length]!;
        const rectified = i % 8 >= 2 ? created + ((i * 13) % 30) * DAY : null;
        ins.run(`h${String(i).padStart(8, '0')}`, county, `${county.slice(0, 4)}00`, `e${ent}`, `s${ent}`, created, created, i % 20 === 0 ? 'major' : 'general', created + 15 * DAY, state, rectified);
      }
    });
    for (let i = 0; i < N; i += 50_000) batch(i, Math.min(N, i + 50_000));
  } else {
    await sql`ALTER TABLE hazards DISABLE TRIGGER hazards_outbox`.execute(store.db);
    const created = sql`(${NOW} - floor(((i * 7919) % ${N})::float8 / ${N} * 5 * ${YEAR})::bigint)`;
    const county = sql`(${sql.val(counties)}::text[])[1 + (i % 2000) % ${counties.length}]`;
    await sql`INSERT INTO hazards (id, region_code, city_code, province_code, enterprise_id, site_id, version, origin_node, created_at, updated_at, description, grade, source, photos, deadline, state, rectified_at, rejections)
      SELECT 'h' || lpad(i::text, 8, '0'), ${county}, substr(${county}, 1, 4) || '00', '140000', 'e' || (i % 2000), 's' || (i % 2000), 1, 'bench',
        ${created}, ${created}, '测试隐患', CASE WHEN i % 20 = 0 THEN 'major' ELSE 'general' END, 'check', '[]',
        ${created} + 15 * ${DAY}, (${sql.val(STATES)}::text[])[1 + i % 8], CASE WHEN i % 8 >= 2 THEN ${created} + ((i * 13) % 30) * ${DAY} END, 0
      FROM generate_series(0::bigint, ${N - 1}::bigint) AS i`.execute(store.db);
  }
  await settle(store, ['hazards']);
  console.log(`${store.dialect}: ${N} hazards written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const { store, done } = await openBenchStore();
const have = await countRows(store, 'hazards');
if (have === 0) await fill(store);
else if (have !== N) throw new Error(`The store holds ${have} hazards, not ${N}: give an empty one`);
else console.log(`${store.dialect}: reusing ${have} hazards`);
if (args.fillOnly) {
  await done();
  process.exit(0);
}

const t = timer(store.dialect, args);
const page = { limit: 50, offset: 0, now: NOW };
const scopes: [string, Scope][] = [
  ['province', { all: false, regionPrefix: '14' }],
  ['city 太原', { all: false, regionPrefix: '1401' }],
  ['county 小店区', { all: false, regionPrefix: '140105' }],
  ['enterprise', { all: false, enterpriseId: 'e7' }],
];
for (const [name, scope] of scopes) {
  await t.time(`list, ${name}`, () => listHazards(store.db, { ...page, scope }));
  await t.time(`list open, ${name}`, () => listHazards(store.db, { ...page, scope, state: ['registered', 'planned'] }));
  await t.time(`list major, ${name}`, () => listHazards(store.db, { ...page, scope, grade: 'major' }));
  await t.time(`list overdue, ${name}`, () => listHazards(store.db, { ...page, scope, overdue: true }));
  await t.time(`list overdue major, ${name}`, () => listHazards(store.db, { ...page, scope, overdue: true, grade: 'major' }));
  await t.time(`stats this year, ${name}`, () => hazardCounts(store.db, { scope, from: chinaYearStart(NOW), to: NOW + 1, now: NOW }));
  await t.time(`stats last 12 months, ${name}`, () => hazardCounts(store.db, { scope, from: NOW - YEAR, to: NOW, now: NOW }));
  await t.time(`stats 5 years, ${name}`, () => hazardCounts(store.db, { scope, from: NOW - 5 * YEAR, to: NOW + 1, now: NOW }));
}
await t.time('list, province, city filter 大同', () => listHazards(store.db, { ...page, scope: { all: false, regionPrefix: '14' }, region: '1402' }));
await t.time('stats this year, province, city filter 大同', () => hazardCounts(store.db, { scope: { all: false, regionPrefix: '14' }, region: '1402', from: chinaYearStart(NOW), to: NOW + 1, now: NOW }));
const code = t.finish();
await done();
process.exit(code);
