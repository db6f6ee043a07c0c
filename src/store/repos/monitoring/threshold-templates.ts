import type { Executor } from '../../db.ts';
import { toSensor, type Sensor } from './sensors.ts';

/** A threshold template in force here, replacing the built-in default for one grade, dam type and kind. */
export interface ThresholdTemplatesTable {
  grade: number;
  dam_type: string;
  kind: string;
  thresholds: string;
  source: string;
  note: string | null;
  issued_by: string;
  directive_id: string | null;
  updated_at: number;
  updated_by: string | null;
}

declare module '../../schema.ts' {
  interface Database {
    threshold_templates: ThresholdTemplatesTable;
  }
}

export async function findThresholdTemplate(db: Executor, grade: number, damType: string, kind: string): Promise<ThresholdTemplatesTable | undefined> {
  return db.selectFrom('threshold_templates').selectAll().where('grade', '=', grade).where('dam_type', '=', damType).where('kind', '=', kind).executeTakeFirst();
}

export async function listThresholdTemplates(db: Executor): Promise<ThresholdTemplatesTable[]> {
  return db.selectFrom('threshold_templates').selectAll().orderBy('grade').orderBy('dam_type').orderBy('kind').execute();
}

export async function putThresholdTemplate(db: Executor, t: ThresholdTemplatesTable): Promise<void> {
  const { grade: _g, dam_type: _d, kind: _k, ...rest } = t;
  await db
    .insertInto('threshold_templates')
    .values(t)
    .onConflict((oc) => oc.columns(['grade', 'dam_type', 'kind']).doUpdateSet(rest))
    .execute();
}

/** This node's own sensors of one kind on tailings ponds of one grade and dam type, with their site's placement. */
export async function listPondSensorsOfKind(db: Executor, q: { grade: number; damType: string; kind: string; originNode: string }) {
  const rows = await db
    .selectFrom('sensors')
    .innerJoin('sites', 'sites.id', 'sensors.site_id')
    .selectAll('sensors')
    .select(['sites.code as site_code', 'sites.region_code as site_region', 'sites.enterprise_id as site_enterprise', 'sites.kind as site_kind'])
    .where('sites.kind', '=', 'tailings_pond')
    .where('sites.grade', '=', q.grade)
    .where('sites.dam_type', '=', q.damType)
    .where('sensors.kind', '=', q.kind)
    .where('sensors.origin_node', '=', q.originNode)
    .orderBy('sensors.key')
    .execute();
  return rows.map((r) => ({ sensor: toSensor(r) as Sensor, site: { id: r.site_id, code: r.site_code, region: r.site_region, enterprise: r.site_enterprise, kind: r.site_kind } }));
}
