import type { Executor } from '../db.ts';
import type { HazardRow } from './dualprev/hazards.ts';
import type { RiskRow } from './dualprev/risks.ts';

/** Queries the printed documents read; each is one query. */

/** Every risk point of a site, by post (工艺/岗位) and name. */
export async function risksOfSite(db: Executor, siteId: string): Promise<RiskRow[]> {
  return db.selectFrom('risks').selectAll().where('site_id', '=', siteId).orderBy('process').orderBy('area').orderBy('name').orderBy('id').execute();
}

/**
 * The hazards that follow up an inspection's findings: those a finding names, and those opened from
 * the inspection (source 'inspection') whose reference is the inspection or one of its findings.
 */
export async function hazardsOfInspection(db: Executor, inspectionId: string, findingIds: readonly string[], hazardIds: readonly string[]): Promise<HazardRow[]> {
  const refs = [inspectionId, ...findingIds];
  return db
    .selectFrom('hazards')
    .selectAll()
    .where((eb) => {
      const linked = eb.and([eb('source', '=', 'inspection'), eb('source_ref', 'in', refs)]);
      return hazardIds.length ? eb.or([linked, eb('id', 'in', [...hazardIds])]) : linked;
    })
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
