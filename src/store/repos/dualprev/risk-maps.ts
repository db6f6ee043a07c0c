import type { Executor } from '../../db.ts';

/** A site's four-colour risk map (四色风险分布图): id = the site's id; kept by the node that drew it. */
export interface RiskMapsTable {
  id: string;
  site_id: string;
  region_code: string;
  enterprise_id: string;
  /** The plan image: a file id. */
  file: string;
  width: number;
  height: number;
  /** JSON MapArea[] */
  areas: string;
  version: number;
  origin_node: string;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
}

declare module '../../schema.ts' {
  interface Database {
    risk_maps: RiskMapsTable;
  }
}

export async function findRiskMap(db: Executor, siteId: string): Promise<RiskMapsTable | undefined> {
  return db.selectFrom('risk_maps').selectAll().where('site_id', '=', siteId).executeTakeFirst();
}

export async function insertRiskMap(db: Executor, row: RiskMapsTable): Promise<void> {
  await db.insertInto('risk_maps').values(row).execute();
}

/** Writes the row if it is still at `expectedVersion`. */
export async function updateRiskMap(db: Executor, row: RiskMapsTable, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = row;
  const r = await db.updateTable('risk_maps').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
