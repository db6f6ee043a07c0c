import type { Scope } from '../../../domain/access/policy.ts';
import { OPEN_STATES } from '../../../domain/dualprev/hazard-loop.ts';
import type { Executor } from '../../db.ts';
import { isOpen, overdueTotal, tallyTotal } from './hazard-counts.ts';
import { placeFilter } from './place.ts';
import type { HazardsTable } from './tables.ts';

export type HazardRow = HazardsTable;
export { hazardCounts, type HazardCountRow } from './hazard-counts.ts';

/** Inserts unless a record with this id exists; false when it did (a repeated create). */
export async function insertHazard(db: Executor, row: HazardRow): Promise<boolean> {
  const r = await db.insertInto('hazards').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findHazard(db: Executor, id: string): Promise<HazardRow | undefined> {
  return db.selectFrom('hazards').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes the row if it is still at `expectedVersion`; false when someone else changed it first. */
export async function updateHazard(db: Executor, row: HazardRow, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = row;
  const r = await db.updateTable('hazards').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface HazardQuery {
  scope: Scope;
  region?: string;
  site?: string;
  state?: string[];
  grade?: string;
  /** true: not rectified and past the deadline at `now`; false: the rest. */
  overdue?: boolean;
  source?: string;
  now: number;
  limit: number;
  offset: number;
}

const open = [...OPEN_STATES];

function filtered(db: Executor, f: Omit<HazardQuery, 'limit' | 'offset'>) {
  let q = placeFilter(db.selectFrom('hazards'), f.scope, f.region);
  if (f.site) q = q.where('site_id', '=', f.site);
  if (f.state?.length) q = q.where('state', 'in', f.state);
  if (f.grade) q = q.where('grade', '=', f.grade);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.overdue === true) q = q.where(isOpen).where('deadline', '<', f.now);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('state', 'not in', open), eb('deadline', '>=', f.now)]));
  return q;
}

/** A page newest first, and how many there are in all (from the tally where it can say). */
export async function listHazards(db: Executor, f: HazardQuery): Promise<{ items: HazardRow[]; total: number }> {
  const items = await filtered(db, f).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { items, total: await countHazards(db, f) };
}

async function countHazards(db: Executor, f: HazardQuery): Promise<number> {
  const plain = f.site === undefined && f.source === undefined;
  const tallied = !plain ? null : f.overdue === undefined ? await tallyTotal(db, f) : f.overdue && !f.state?.length ? await overdueTotal(db, f) : null;
  if (tallied !== null) return tallied;
  const t = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(t.n);
}

/** Open hazards past their deadline whose escalation may be due, oldest deadline first. */
export async function listOverdueOpen(db: Executor, now: number, limit: number, originNode: string, offset = 0): Promise<HazardRow[]> {
  return db
    .selectFrom('hazards')
    .selectAll()
    .where('state', 'in', open)
    .where('deadline', '<', now)
    .where('origin_node', '=', originNode)
    .where((eb) => eb.or([eb('escalation_tier', 'is', null), eb('escalation_tier', '!=', 'province')]))
    .orderBy('deadline')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}
