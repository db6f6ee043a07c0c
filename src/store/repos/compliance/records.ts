import type { Executor } from '../../db.ts';
import { toSite, type Site } from '../sites.ts';
import type { ComplianceConsultationsTable, ComplianceEquipmentTable, ComplianceSiteFactsTable } from './tables.ts';

/** Every site of the registry: a run evaluates them all, whoever asked for it. */
export async function listAllSites(db: Executor): Promise<Site[]> {
  return (await db.selectFrom('sites').selectAll().execute()).map(toSite);
}

export async function insertConsultation(db: Executor, row: ComplianceConsultationsTable): Promise<void> {
  await db.insertInto('compliance_consultations').values(row).execute();
}

export async function listConsultations(db: Executor, siteId: string): Promise<ComplianceConsultationsTable[]> {
  return db.selectFrom('compliance_consultations').selectAll().where('site_id', '=', siteId).orderBy('date', 'desc').execute();
}

export async function listConsultationDates(db: Executor): Promise<{ site_id: string; date: string }[]> {
  return db.selectFrom('compliance_consultations').select(['site_id', 'date']).execute();
}

export async function insertEquipment(db: Executor, row: ComplianceEquipmentTable): Promise<void> {
  await db.insertInto('compliance_equipment').values(row).execute();
}

export async function listEquipment(db: Executor, siteId?: string): Promise<ComplianceEquipmentTable[]> {
  let q = db.selectFrom('compliance_equipment').selectAll();
  if (siteId) q = q.where('site_id', '=', siteId);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function findFacts(db: Executor, siteId: string): Promise<ComplianceSiteFactsTable | undefined> {
  return db.selectFrom('compliance_site_facts').selectAll().where('site_id', '=', siteId).executeTakeFirst();
}

export async function listFacts(db: Executor): Promise<ComplianceSiteFactsTable[]> {
  return db.selectFrom('compliance_site_facts').selectAll().execute();
}

/** Writes a site's facts if they are still at `expectedVersion` (0: none yet); false when someone came first. */
export async function putFacts(db: Executor, row: ComplianceSiteFactsTable, expectedVersion: number): Promise<boolean> {
  if (expectedVersion === 0) {
    const r = await db.insertInto('compliance_site_facts').values(row).onConflict((oc) => oc.column('site_id').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const { site_id, ...rest } = row;
  const r = await db.updateTable('compliance_site_facts').set(rest).where('site_id', '=', site_id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
