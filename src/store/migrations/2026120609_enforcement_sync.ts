import { sql, type Kysely } from 'kysely';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * Enforcement records travel upward like the registry: a county's licences, scores, cases, plans and
 * inspections reach the city and the province. Document counters stay local (each issuing node
 * numbers its own documents). An action carries where its record sits, so that it can be placed at
 * the node above even when it arrives before the record's latest version.
 */
export const ENFORCEMENT_OUTBOX = [
  { table: 'licences', entity: 'licence' },
  { table: 'persons', entity: 'person' },
  { table: 'scores', entity: 'score' },
  { table: 'cases', entity: 'case' },
  { table: 'class_overrides', entity: 'class_override' },
  { table: 'inspection_plans', entity: 'inspection_plan' },
  { table: 'plan_visits', entity: 'plan_visit' },
  { table: 'inspections', entity: 'inspection' },
  { table: 'inspection_findings', entity: 'inspection_finding' },
  { table: 'enforcement_actions', entity: 'enforcement_action' },
] as const;

const ACTION_SOURCES = [
  ['licence', 'licences'],
  ['person', 'persons'],
  ['score', 'scores'],
  ['case', 'cases'],
  ['inspection', 'inspections'],
  ['inspection_plan', 'inspection_plans'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('enforcement_actions').addColumn('region_code', 'text').execute();
  await db.schema.alterTable('enforcement_actions').addColumn('enterprise_id', 'text').execute();
  for (const [entity, table] of ACTION_SOURCES) {
    await sql`update enforcement_actions set
        region_code = (select t.region_code from ${sql.table(table)} t where t.id = enforcement_actions.entity_id),
        enterprise_id = (select t.enterprise_id from ${sql.table(table)} t where t.id = enforcement_actions.entity_id)
      where entity = ${entity}`.execute(db);
  }
  await sql`update enforcement_actions set
      region_code = (select e.region_code from enterprises e where e.id = enforcement_actions.entity_id),
      enterprise_id = entity_id
    where entity = 'enterprise_class'`.execute(db);
  await db.schema.createIndex('enforcement_actions_region').on('enforcement_actions').columns(['region_code', 'at']).execute();
  for (const s of ENFORCEMENT_OUTBOX) await createOutboxTrigger(db, { ...s, stream: 'records' });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
