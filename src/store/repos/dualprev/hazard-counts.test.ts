import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempPgDatabase } from '../../../../test/support/pg.ts';
import { STORE_KINDS, makeTestStore, type TestStore } from '../../../../test/support/stores.ts';
import type { Scope } from '../../../domain/access/policy.ts';
import { openStore, type Executor } from '../../db.ts';
import { applyRow } from '../network/apply.ts';
import { hazardCounts, type HazardCountRow } from './hazard-counts.ts';
import { findHazard, insertHazard, listHazards, updateHazard, type HazardRow } from './hazards.ts';

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;
const TALLIES = '2026120621_hazard_tallies';
const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Every migration, or every one but the tally's: a store as it was before the tally came. */
async function migrations(withTallies: boolean): Promise<Record<string, Migration>> {
  const out: Record<string, Migration> = {};
  for (const f of fs.readdirSync(migrationsDir).filter((f) => /^\d{10,}_[\w-]+\.ts$/.test(f)).sort()) {
    const name = f.replace(/\.ts$/, '');
    if (withTallies || name !== TALLIES) out[name] = await import(pathToFileURL(path.join(migrationsDir, f)).href);
  }
  return out;
}

const REGIONS = ['140105', '140106', '140212', '140302', '141002'];
const GRADES = ['general', 'major'];
const STATES = ['registered', 'planned', 'rectified', 'verified', 'closed'];
/** Month starts in China and the milliseconds either side of them. */
const JAN = Date.UTC(2026, 0, 1) - CHINA;
const EDGES = [JAN - 1, JAN, JAN + 1, Date.UTC(2026, 1, 1) - CHINA - 1, Date.UTC(2026, 1, 1) - CHINA, Date.UTC(2025, 11, 15), Date.UTC(2026, 2, 31, 16) - 1];

let rnd = 7;
const next = () => (rnd = (rnd * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;

let seq = 0;
function hazard(over: Partial<HazardRow> = {}): HazardRow {
  const region = over.region_code ?? pick(REGIONS);
  const created = next() < 0.3 ? pick(EDGES) : JAN - 60 * DAY + Math.floor(next() * 150 * DAY);
  const state = pick(STATES);
  return {
    id: `hz-${seq++}`,
    region_code: region,
    city_code: `${region.slice(0, 4)}00`,
    province_code: '140000',
    enterprise_id: `e-${Math.floor(next() * 4)}`,
    site_id: `s-${Math.floor(next() * 4)}`,
    version: 1,
    origin_node: 'here',
    created_at: created,
    updated_at: created,
    description: '测试隐患',
    location: null,
    category: null,
    grade: pick(GRADES),
    criterion_id: null,
    source: 'check',
    source_ref: null,
    risk_id: null,
    photos: '[]',
    deadline: created + 15 * DAY,
    state,
    plan: null,
    rectification: null,
    rectified_at: ['rectified', 'verified', 'closed'].includes(state) ? created + Math.floor(next() * 30) * DAY : null,
    rectified_by: null,
    rectified_by_name: null,
    verified_at: null,
    verified_by: null,
    verified_by_name: null,
    verification_note: null,
    closed_at: null,
    closed_by: null,
    rejections: 0,
    reported_by: null,
    reported_by_name: null,
    overdue_at: null,
    escalation_tier: null,
    escalated_at: null,
    supervised_at: null,
    supervised_by: null,
    ...over,
  };
}

const monthOf = (t: number) => new Date(t + CHINA).toISOString().slice(0, 7);
const timingOf = (h: HazardRow) => (h.rectified_at === null ? '' : Number(h.rectified_at) <= Number(h.deadline) ? 'on_time' : 'late');

/** The tally as it should be, counted here from every hazard: under its province, city and county. */
async function recount(db: Executor) {
  const n = new Map<string, number>();
  for (const h of await db.selectFrom('hazards').selectAll().execute()) {
    const due = ['registered', 'planned'].includes(h.state) ? monthOf(Number(h.deadline)) : '';
    for (const digits of [2, 4, 6]) {
      const k = [h.region_code.slice(0, digits), monthOf(Number(h.created_at)), h.grade, h.state, timingOf(h), due].join('|');
      n.set(k, (n.get(k) ?? 0) + 1);
    }
  }
  return Object.fromEntries([...n].sort());
}

async function tally(db: Executor) {
  const rows = await db.selectFrom('hazard_tallies').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [[r.scope, r.month, r.grade, r.state, r.timing, r.due].join('|'), Number(r.n)]).sort());
}

/** hazardCounts' figures counted here row by row. */
function expected(rows: HazardRow[], scope: (h: HazardRow) => boolean, from: number, to: number, now: number): HazardCountRow[] {
  const out = new Map<string, HazardCountRow>();
  for (const h of rows) {
    if (!scope(h) || h.created_at < from || h.created_at >= to) continue;
    const t = out.get(h.grade) ?? { grade: h.grade, found: 0, rectified: 0, onTime: 0, overdueOpen: 0, overdueRectified: 0 };
    const done = ['rectified', 'verified', 'closed'].includes(h.state);
    t.found++;
    if (done) t.rectified++;
    if (done && timingOf(h) === 'on_time') t.onTime++;
    if (done && timingOf(h) === 'late') t.overdueRectified++;
    if (!done && h.deadline < now) t.overdueOpen++;
    out.set(h.grade, t);
  }
  return [...out.values()].sort((a, b) => a.grade.localeCompare(b.grade));
}

describe.each(STORE_KINDS)('hazard tallies (%s)', (kind) => {
  let s: TestStore;
  beforeAll(async () => {
    s = await makeTestStore(kind);
  });
  afterAll(async () => s?.cleanup());

  it('equal a recount after creates, state changes, moves, sync applies and deletes', async () => {
    const db = s.store.db;
    const made: HazardRow[] = [];
    for (let i = 0; i < 120; i++) {
      const h = hazard();
      expect(await insertHazard(db, h)).toBe(true);
      made.push(h);
    }
    expect(await insertHazard(db, made[0]!)).toBe(false);
    for (const h of made.slice(0, 60)) {
      const before = (await findHazard(db, h.id))!;
      const state = pick(STATES);
      const row = { ...before, state, version: before.version + 1, rectified_at: state === 'registered' ? null : before.created_at + Math.floor(next() * 30) * DAY };
      if (next() < 0.2) {
        const region = pick(REGIONS);
        Object.assign(row, { grade: pick(GRADES), region_code: region, city_code: `${region.slice(0, 4)}00` });
      }
      await db.transaction().execute(async (tx) => expect(await updateHazard(tx, row, before.version)).toBe(true));
      // A change that leaves the tallied columns alone.
      const again = (await findHazard(db, h.id))!;
      expect(await updateHazard(db, { ...again, description: '补充说明', version: again.version + 1 }, again.version)).toBe(true);
    }
    // Records forwarded by a child node: new ones, newer versions of known ones, and stale copies.
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 30; i++) expect(await applyRow(tx, 'hazard', { ...hazard(), origin_node: 'child' })).toBe('applied');
      for (const h of made.slice(60, 90)) {
        const stored = (await findHazard(tx, h.id))!;
        expect(await applyRow(tx, 'hazard', { ...stored, state: 'closed', rectified_at: stored.created_at + 40 * DAY, version: stored.version + 3 })).toBe('applied');
        expect(await applyRow(tx, 'hazard', { ...stored, state: 'planned' })).toBe('duplicate');
      }
    });
    await db.deleteFrom('hazards').where('id', 'in', made.slice(100, 105).map((h) => h.id)).execute();
    // A write that rolls back leaves the tally as it was.
    await expect(
      db.transaction().execute(async (tx) => {
        await insertHazard(tx, hazard());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    expect(Object.keys(await tally(db)).length).toBeGreaterThan(30);
    expect(await tally(db)).toEqual(await recount(db));
  });

  it('give the same statistics and list totals as counting the ledger, for every scope and period', async () => {
    const db = s.store.db;
    const rows = await db.selectFrom('hazards').selectAll().execute();
    for (const now of [JAN + 45 * DAY, Date.UTC(2026, 1, 1) - CHINA, JAN + 10 * DAY + 7]) await sameAsLedger(db, rows, now);
  });
});

/** hazardCounts and listHazards at `now` against the same figures counted here, for every scope and period. */
async function sameAsLedger(db: Executor, rows: HazardRow[], now: number) {
  const scopes: [Scope, (h: HazardRow) => boolean, string?][] = [
    [{ all: true }, () => true],
    [{ all: false, regionPrefix: '14' }, () => true],
    [{ all: false, regionPrefix: '1401' }, (h) => h.region_code.startsWith('1401')],
    [{ all: false, regionPrefix: '140105' }, (h) => h.region_code === '140105'],
    [{ all: false, regionPrefix: '14' }, (h) => h.region_code.startsWith('1402'), '1402'],
    [{ all: false, enterpriseId: 'e-1' }, (h) => h.enterprise_id === 'e-1'],
    [{ all: false, regionPrefix: '1401' }, () => false, '1402'],
    [{ all: false, regionPrefix: '1401' }, (h) => h.region_code === '140105', '140105'],
    [{ all: true }, (h) => h.region_code.startsWith('1403'), '1403'],
  ];
  const periods: [number, number][] = [
    [JAN, now + 1],
    [JAN - 1, JAN + 1],
    [JAN + 1, Date.UTC(2026, 1, 1) - CHINA],
    [0, Date.UTC(2100, 0, 1)],
    [JAN - 31 * DAY, JAN + 59 * DAY],
    [JAN + 5, JAN + 5],
  ];
  for (const [scope, inScope, region] of scopes) {
    for (const [from, to] of periods) {
      const got = (await hazardCounts(db, { scope, region, from, to, now })).filter((r) => r.found > 0).sort((a, b) => a.grade.localeCompare(b.grade));
      expect(got, `${JSON.stringify(scope)} ${region} ${from}–${to}`).toEqual(expected(rows, inScope, from, to, now));
    }
    for (const q of [{}, { state: ['registered', 'planned'] }, { grade: 'major' }, { state: ['closed'], grade: 'general' }, { overdue: true }, { overdue: true, grade: 'major' }]) {
      const r = await listHazards(db, { scope, region, now, limit: 5, offset: 0, ...q });
      const want = rows.filter((h) => inScope(h) && (!('state' in q) || q.state!.includes(h.state)) && (!('grade' in q) || q.grade === h.grade) && (!('overdue' in q) || (['registered', 'planned'].includes(h.state) && h.deadline < now)));
      expect(r.total, `${JSON.stringify(scope)} ${region} ${JSON.stringify(q)}`).toBe(want.length);
      expect(r.items.map((h) => h.id)).toEqual(want.sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1)).slice(0, 5).map((h) => h.id));
    }
  }
}

describe.each(STORE_KINDS)('hazard tallies built by their migration (%s)', (kind) => {
  it('count the hazards already in the ledger', async () => {
    const pg = kind === 'postgres' ? await createTempPgDatabase() : null;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-tallies-'));
    const store = openStore({ dataDir: dir, databaseUrl: pg?.url });
    const migrate = async (withTallies: boolean) => {
      const r = await new Migrator({ db: store.db, provider: { getMigrations: () => migrations(withTallies) }, allowUnorderedMigrations: true }).migrateToLatest();
      if (r.error) throw r.error;
      return (r.results ?? []).map((m) => m.migrationName);
    };
    try {
      expect(await migrate(false)).not.toContain(TALLIES);
      for (let i = 0; i < 80; i++) await insertHazard(store.db, hazard());
      expect(await migrate(true)).toEqual([TALLIES]);
      expect(await tally(store.db)).toEqual(await recount(store.db));
      await insertHazard(store.db, hazard());
      expect(await tally(store.db)).toEqual(await recount(store.db));
    } finally {
      await store.close();
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
