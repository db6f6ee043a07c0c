import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Scope } from '../../../domain/access/policy.ts';
import { OPEN_STATES } from '../../../domain/dualprev/hazard-loop.ts';
import type { Executor } from '../../db.ts';
import type { Database } from '../../schema.ts';
import { placeFilter } from './place.ts';

/**
 * Hazard counts. Over a province, city or county they come from `hazard_tallies` (kept by a trigger,
 * migration 2026120621) for the whole months of a period, and from the ledger's indexes for the part
 * months at its ends and for the open hazards falling due this month (whether they are past the
 * deadline depends on `now`); an enterprise's or a site's come from the ledger alone.
 */

/** Open states as literals: the partial indexes on open hazards apply only to this very term. */
export const isOpen = sql<SqlBool>`state in (${sql.raw(OPEN_STATES.map((s) => `'${s}'`).join(', '))})`;
/** The deadline as the open hazards' deadline index keys it (migration 2026120621): for "falls due between". */
const dueAt = sql<number>`(deadline + 0)`;
const DONE = ['rectified', 'verified', 'closed'];

export interface HazardCountRow {
  grade: string;
  found: number;
  rectified: number;
  onTime: number;
  overdueOpen: number;
  overdueRectified: number;
}

export interface PlaceFilter {
  scope: Scope;
  region?: string;
}

/**
 * The tally rows of a scope and region filter: those of the narrower of the two prefixes (a province,
 * city or county), none when they do not overlap; null for an enterprise's scope, which the tally does
 * not key, and for a prefix that is not a province's, a city's or a county's.
 */
export function talliesIn(db: Executor, f: PlaceFilter): SelectQueryBuilder<Database, 'hazard_tallies', {}> | null {
  if (!f.scope.all && 'enterpriseId' in f.scope) return null;
  const prefixes = [f.scope.all ? undefined : f.scope.regionPrefix, f.region].filter((p): p is string => !!p).sort((a, b) => b.length - a.length);
  const q = db.selectFrom('hazard_tallies');
  if (!prefixes.length) return q.where(sql`length(scope)`, '=', 2);
  if (prefixes.some((p) => !/^\d{2}$|^\d{4}$|^\d{6}$/.test(p))) return null;
  const [narrow, wide] = prefixes;
  return q.where('scope', '=', wide === undefined || narrow!.startsWith(wide) ? narrow! : '-');
}

/** How many hazards in a scope with these states and grade, from the tally; null where it cannot say. */
export async function tallyTotal(db: Executor, f: PlaceFilter & { state?: string[]; grade?: string }): Promise<number | null> {
  let q = talliesIn(db, f);
  if (!q) return null;
  if (f.state?.length) q = q.where('state', 'in', f.state);
  if (f.grade) q = q.where('grade', '=', f.grade);
  const r = await q.select((eb) => eb.fn.sum<number>('n').as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many open hazards in a scope were past their deadline at `now`: the tally up to this month, the ledger for this month. */
export async function overdueTotal(db: Executor, f: PlaceFilter & { grade?: string; now: number }): Promise<number | null> {
  let q = talliesIn(db, f);
  if (!q) return null;
  if (f.grade) q = q.where('grade', '=', f.grade);
  const before = await q.where('due', '!=', '').where('due', '<', monthKey(f.now)).select((eb) => eb.fn.sum<number>('n').as('n')).executeTakeFirst();
  let recent = placeFilter(db.selectFrom('hazards'), f.scope, f.region).where(isOpen).where(dueAt, '>=', monthStart(f.now)).where(dueAt, '<', f.now);
  if (f.grade) recent = recent.where('grade', '=', f.grade);
  const r = await recent.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(before?.n ?? 0) + Number(r.n);
}

const CHINA = 8 * 3_600_000;
const monthKey = (t: number) => new Date(t + CHINA).toISOString().slice(0, 7);
const monthStart = (t: number, add = 0) => {
  const d = new Date(t + CHINA);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1) - CHINA;
};
const FIRST = Date.UTC(1971, 0, 1);
const LAST = Date.UTC(9000, 0, 1);

/** [from, to) as the whole China months inside it (as instants and month keys) and the part months at its ends. */
export function splitByMonth(from: number, to: number): { months: { from: number; to: number; keys: [string, string] } | null; edges: [number, number][] } {
  const lo = Math.max(from, FIRST);
  const hi = Math.min(to, LAST);
  const a = monthStart(lo) === lo ? lo : monthStart(lo, 1);
  const b = monthStart(hi);
  if (!(a < b)) return { months: null, edges: [[from, to]] };
  const edges: [number, number][] = [];
  if (from < a) edges.push([from, a]);
  if (b < to) edges.push([b, to]);
  return { months: { from: a, to: b, keys: [monthKey(a), monthKey(b)] }, edges };
}

type Filter = PlaceFilter & { site?: string; from: number; to: number; now: number };

/** Found, rectified, on time, late, and open past a deadline before this month, by grade over whole months, from the tally. */
async function tallyCounts(db: Executor, f: PlaceFilter, months: [string, string], now: number) {
  const rows = await talliesIn(db, f)!
    .where('month', '>=', months[0])
    .where('month', '<', months[1])
    .select(['grade', 'state', 'timing', 'due', (eb) => eb.fn.sum<number>('n').as('n')])
    .groupBy(['grade', 'state', 'timing', 'due'])
    .execute();
  const thisMonth = monthKey(now);
  return rows.map((r) => {
    const n = Number(r.n);
    const done = DONE.includes(r.state);
    const overdueOpen = !done && r.due !== '' && r.due < thisMonth ? n : 0;
    return { grade: r.grade, found: n, rectified: done ? n : 0, onTime: done && r.timing === 'on_time' ? n : 0, overdueOpen, overdueRectified: done && r.timing === 'late' ? n : 0 };
  });
}

function ledgerIn(db: Executor, f: PlaceFilter & { site?: string }, from: number, to: number) {
  let q = placeFilter(db.selectFrom('hazards'), f.scope, f.region).where('created_at', '>=', from).where('created_at', '<', to);
  if (f.site) q = q.where('site_id', '=', f.site);
  return q;
}

/** Every figure by grade among hazards found in [from, to), from the ledger. */
async function ledgerCounts(db: Executor, f: PlaceFilter & { site?: string }, from: number, to: number, now: number) {
  const done = sql.raw(`state in (${DONE.map((s) => `'${s}'`).join(', ')})`);
  const rows = await ledgerIn(db, f, from, to)
    .select([
      'grade',
      sql<number>`count(*)`.as('found'),
      sql<number>`sum(case when ${done} then 1 else 0 end)`.as('rectified'),
      sql<number>`sum(case when ${done} and rectified_at <= deadline then 1 else 0 end)`.as('on_time'),
      sql<number>`sum(case when ${isOpen} and deadline < ${now} then 1 else 0 end)`.as('overdue_open'),
      sql<number>`sum(case when ${done} and rectified_at > deadline then 1 else 0 end)`.as('overdue_rectified'),
    ])
    .groupBy('grade')
    .execute();
  return rows.map((r) => ({
    grade: r.grade,
    found: Number(r.found),
    rectified: Number(r.rectified ?? 0),
    onTime: Number(r.on_time ?? 0),
    overdueOpen: Number(r.overdue_open ?? 0),
    overdueRectified: Number(r.overdue_rectified ?? 0),
  }));
}

/**
 * Hazards found in [from, to) that fell due this month before `now` and are still open, by grade. The
 * date found is compared as `created_at + 0` so that the open hazards' deadline index is the way in
 * (a few rows), not an index by date found (every open hazard of the period).
 */
async function dueThisMonth(db: Executor, f: PlaceFilter, from: number, to: number, now: number) {
  const found = sql<number>`(created_at + 0)`;
  const rows = await placeFilter(db.selectFrom('hazards'), f.scope, f.region)
    .where(isOpen)
    .where(dueAt, '>=', monthStart(now))
    .where(dueAt, '<', now)
    .where(found, '>=', from)
    .where(found, '<', to)
    .select(['grade', sql<number>`count(*)`.as('n')])
    .groupBy('grade')
    .execute();
  return rows.map((r) => ({ grade: r.grade, found: 0, rectified: 0, onTime: 0, overdueOpen: Number(r.n), overdueRectified: 0 }));
}

/**
 * Hazards found in [from, to) by grade: how many were rectified, how many of those by their
 * deadline, and how many ran past it (still open at `now`, or rectified late).
 */
export async function hazardCounts(db: Executor, f: Filter): Promise<HazardCountRow[]> {
  const split = f.site || !talliesIn(db, f) ? { months: null, edges: [[f.from, f.to] as [number, number]] } : splitByMonth(f.from, f.to);
  const m = split.months;
  const parts = [
    ...(m ? [await tallyCounts(db, f, m.keys, f.now), await dueThisMonth(db, f, m.from, m.to, f.now)] : []),
    ...(await Promise.all(split.edges.map(([from, to]) => ledgerCounts(db, f, from, to, f.now)))),
  ];
  const byGrade = new Map<string, HazardCountRow>();
  for (const r of parts.flat()) {
    const t = byGrade.get(r.grade) ?? { grade: r.grade, found: 0, rectified: 0, onTime: 0, overdueOpen: 0, overdueRectified: 0 };
    t.found += r.found;
    t.rectified += r.rectified;
    t.onTime += r.onTime;
    t.overdueOpen += r.overdueOpen;
    t.overdueRectified += r.overdueRectified;
    byGrade.set(r.grade, t);
  }
  return [...byGrade.values()];
}
