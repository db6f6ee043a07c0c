import type { Scope } from '../../../domain/access/policy.ts';
import type { Executor } from '../../db.ts';
import { placeFilter } from './place.ts';
import type { ChecksTable } from './check-tables.ts';

export type CheckRow = ChecksTable;

/** Inserts unless a check with this id exists; false when it did (a repeated create, a period already generated). */
export async function insertCheck(db: Executor, row: CheckRow): Promise<boolean> {
  const r = await db.insertInto('checks').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findCheck(db: Executor, id: string): Promise<CheckRow | undefined> {
  return db.selectFrom('checks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes the row if it is still at `expectedVersion`. */
export async function updateCheck(db: Executor, row: CheckRow, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = row;
  const r = await db.updateTable('checks').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface CheckQuery {
  scope: Scope;
  site?: string;
  /** due: not done, due instant not passed; missed: not done, passed; done. */
  state?: 'due' | 'missed' | 'done';
  now: number;
  limit: number;
  offset: number;
}

export async function listChecks(db: Executor, f: CheckQuery): Promise<{ items: CheckRow[]; total: number }> {
  let q = placeFilter(db.selectFrom('checks'), f.scope);
  if (f.site) q = q.where('site_id', '=', f.site);
  if (f.state === 'done') q = q.where('completed_at', 'is not', null);
  if (f.state === 'due') q = q.where('completed_at', 'is', null).where('due_at', '>=', f.now);
  if (f.state === 'missed') q = q.where('completed_at', 'is', null).where('due_at', '<', f.now);
  const items = await q.selectAll().orderBy('due_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const t = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(t.n) };
}

/** The risks kept at this node whose measures make up check plans, by site. */
export async function listPlannedRisks(db: Executor, originNode: string, site?: string) {
  let q = db.selectFrom('risks').selectAll().where('origin_node', '=', originNode);
  if (site) q = q.where('site_id', '=', site);
  return q.orderBy('site_id').orderBy('created_at').execute();
}
