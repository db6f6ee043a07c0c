import type { Executor } from '../../db.ts';
import { applyScope, whereRegionPrefix, type ScopeFilter } from '../scope.ts';

interface Common {
  id: string;
  region_code: string;
  enterprise_id: string | null;
  version: number;
  origin_node: string;
  created_at: number;
  updated_at: number;
}

export interface ChecklistTemplatesTable extends Common {
  kind: string;
  /** JSON: [{code, text, basis, major?}]. */
  items: string;
  updated_by: string | null;
}

/** id: the inspection's id. */
export interface InspectionChecklistsTable extends Common {
  kind: string;
  /** JSON: [{code, text, basis, major?, result, note}]. */
  items: string;
}

export interface SpecialPeriodsTable extends Common {
  name: string;
  starts_on: string;
  ends_on: string;
  /** JSON: {class: visits}. */
  extra_visits: string;
  created_by: string | null;
}

declare module '../../schema.ts' {
  interface Database {
    checklist_templates: ChecklistTemplatesTable;
    inspection_checklists: InspectionChecklistsTable;
    special_periods: SpecialPeriodsTable;
  }
}

/** The templates of these regions for a kind, nearest region (longest code) first. */
export async function templatesFor(db: Executor, regions: readonly string[], kind: string): Promise<ChecklistTemplatesTable[]> {
  if (!regions.length) return [];
  return db.selectFrom('checklist_templates').selectAll().where('region_code', 'in', [...regions]).where('kind', '=', kind).execute();
}

export async function findTemplate(db: Executor, region: string, kind: string): Promise<ChecklistTemplatesTable | undefined> {
  return db.selectFrom('checklist_templates').selectAll().where('region_code', '=', region).where('kind', '=', kind).executeTakeFirst();
}

export async function insertTemplate(db: Executor, t: ChecklistTemplatesTable): Promise<void> {
  await db.insertInto('checklist_templates').values(t).execute();
}

export async function updateTemplate(db: Executor, t: ChecklistTemplatesTable, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = t;
  const u = await db.updateTable('checklist_templates').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

export async function insertInspectionChecklist(db: Executor, c: InspectionChecklistsTable): Promise<void> {
  await db.insertInto('inspection_checklists').values(c).execute();
}

export async function findInspectionChecklist(db: Executor, inspectionId: string): Promise<InspectionChecklistsTable | undefined> {
  return db.selectFrom('inspection_checklists').selectAll().where('id', '=', inspectionId).executeTakeFirst();
}

export async function updateInspectionChecklist(db: Executor, c: InspectionChecklistsTable, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = c;
  const u = await db.updateTable('inspection_checklists').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

export async function insertSpecialPeriod(db: Executor, p: SpecialPeriodsTable): Promise<void> {
  await db.insertInto('special_periods').values(p).execute();
}

/** Special periods of these regions (a plan's region and those above it) overlapping [from, to]. */
export async function specialPeriodsOverlapping(db: Executor, regions: readonly string[], from: string, to: string): Promise<SpecialPeriodsTable[]> {
  if (!regions.length) return [];
  return db.selectFrom('special_periods').selectAll().where('region_code', 'in', [...regions]).where('starts_on', '<=', to).where('ends_on', '>=', from).orderBy('starts_on').orderBy('id').execute();
}

/** Special periods within a scope, under a region (GB/T 2260 prefix) if given, latest start first. */
export async function listSpecialPeriods(db: Executor, f: { scope: ScopeFilter; region?: string; limit: number; offset: number }) {
  const filtered = () => {
    const q = applyScope(db.selectFrom('special_periods'), f.scope, 'special_periods.region_code', 'special_periods.enterprise_id');
    return f.region ? whereRegionPrefix(q, 'special_periods.region_code', f.region) : q;
  };
  const items = await filtered().selectAll().orderBy('starts_on', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}
