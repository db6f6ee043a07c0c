import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { InspectionFindingsTable, InspectionsTable } from './tables.ts';

export async function insertInspection(db: Executor, r: InspectionsTable): Promise<void> {
  await db.insertInto('inspections').values(r).execute();
}

export async function findInspection(db: Executor, id: string): Promise<InspectionsTable | undefined> {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateInspection(db: Executor, r: InspectionsTable, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = r;
  const u = await db.updateTable('inspections').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

export interface InspectionQuery {
  scope: ScopeFilter;
  region?: string;
  enterprise?: string;
  site?: string;
  kind?: string;
  state?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export async function listInspections(db: Executor, f: InspectionQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('inspections'), f.scope, 'inspections.region_code', 'inspections.enterprise_id');
    if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
    if (f.enterprise) q = q.where('enterprise_id', '=', f.enterprise);
    if (f.site) q = q.where('site_id', '=', f.site);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    return q;
  };
  const items = await filtered().selectAll().orderBy('at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

/** The sites of a region an inspection reached in [from, to). */
export async function inspectedSites(db: Executor, regionPrefix: string, from: number, to: number): Promise<Set<string>> {
  const rows = await db.selectFrom('inspections').select('site_id').distinct().where('region_code', 'like', `${regionPrefix}%`).where('at', '>=', from).where('at', '<', to).execute();
  return new Set(rows.map((r) => r.site_id));
}

export async function insertFinding(db: Executor, r: InspectionFindingsTable): Promise<void> {
  await db.insertInto('inspection_findings').values(r).execute();
}

export async function findingsOf(db: Executor, inspectionId: string) {
  return db.selectFrom('inspection_findings').selectAll().where('inspection_id', '=', inspectionId).orderBy('created_at').orderBy('id').execute();
}

/**
 * The next number of a document kind for a region and year. Run inside the transaction that uses
 * it: the counter row stays locked until commit (PostgreSQL row lock; SQLite's single writer), so two
 * completions at once get consecutive numbers, and a rolled-back one gives its number back.
 */
export async function nextDocumentSeq(db: Executor, kind: string, region: string, year: number): Promise<number> {
  const r = await db
    .insertInto('document_counters')
    .values({ kind, region_code: region, year, last: 1 })
    .onConflict((oc) => oc.columns(['kind', 'region_code', 'year']).doUpdateSet((eb) => ({ last: eb('document_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(r.last);
}

export async function findFinding(db: Executor, id: string): Promise<InspectionFindingsTable | undefined> {
  return db.selectFrom('inspection_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateFinding(db: Executor, r: InspectionFindingsTable, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = r;
  const u = await db.updateTable('inspection_findings').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}
