import { sql } from 'kysely';
import type { Scope } from '../../../domain/access/policy.ts';
import type { Executor } from '../../db.ts';
import { placeFilter } from './place.ts';
import type { RisksTable } from './tables.ts';

export type RiskRow = RisksTable;

/** Inserts unless a record with this id exists; false when it did (a repeated create). */
export async function insertRisk(db: Executor, row: RiskRow): Promise<boolean> {
  const r = await db.insertInto('risks').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findRisk(db: Executor, id: string): Promise<RiskRow | undefined> {
  return db.selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Writes the row if it is still at `expectedVersion`; false when someone else changed it first. */
export async function updateRisk(db: Executor, row: RiskRow, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = row;
  const r = await db.updateTable('risks').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface RiskQuery {
  scope: Scope;
  region?: string;
  site?: string;
  level?: string;
  operation?: string;
  limit: number;
  offset: number;
}

function filtered(db: Executor, f: Omit<RiskQuery, 'limit' | 'offset'>) {
  let q = placeFilter(db.selectFrom('risks'), f.scope, f.region);
  if (f.site) q = q.where('site_id', '=', f.site);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.operation) q = q.where('operation', '=', f.operation);
  return q;
}

export async function listRisks(db: Executor, f: RiskQuery): Promise<{ items: RiskRow[]; total: number }> {
  const items = await filtered(db, f).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  const t = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(t.n) };
}

/** Counts by level and by operation. */
export async function riskCounts(db: Executor, f: Omit<RiskQuery, 'limit' | 'offset' | 'level' | 'operation'>) {
  const rows = await filtered(db, f)
    .select(['level', 'operation', sql<number>`count(*)`.as('n')])
    .groupBy(['level', 'operation'])
    .execute();
  return rows.map((r) => ({ level: r.level, operation: r.operation, n: Number(r.n) }));
}

/** The area and level of every risk point at a site, for its four-colour map. */
export async function riskLevelsByArea(db: Executor, siteId: string) {
  return db.selectFrom('risks').select(['area', 'level']).where('site_id', '=', siteId).execute();
}
