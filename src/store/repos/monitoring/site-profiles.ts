import type { Executor } from '../../db.ts';

/** A pond's monitoring profile: wet or dry storage (湿式/干式), which sets its required items. */
export interface MonitoringSiteProfilesTable {
  site_id: string;
  storage: string;
  updated_at: number;
  updated_by: string | null;
}

declare module '../../schema.ts' {
  interface Database {
    monitoring_site_profiles: MonitoringSiteProfilesTable;
  }
}

export async function findSiteProfile(db: Executor, siteId: string): Promise<MonitoringSiteProfilesTable | undefined> {
  return db.selectFrom('monitoring_site_profiles').selectAll().where('site_id', '=', siteId).executeTakeFirst();
}

/** Every profile (one row per pond that has one: a small table, read whole for the overview). */
export async function listSiteProfiles(db: Executor): Promise<MonitoringSiteProfilesTable[]> {
  return db.selectFrom('monitoring_site_profiles').selectAll().execute();
}

export async function putSiteProfile(db: Executor, row: MonitoringSiteProfilesTable): Promise<void> {
  await db
    .insertInto('monitoring_site_profiles')
    .values(row)
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ storage: row.storage, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}
