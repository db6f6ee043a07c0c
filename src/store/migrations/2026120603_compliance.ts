import type { Kysely } from 'kysely';

/**
 * Compliance (合规检查): the rules' parameters as changed here, the findings runs keep per site, and the
 * records some rules read that the registry has no place for (consultations, equipment, site facts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('compliance_parameters')
    .addColumn('rule_id', 'text', (c) => c.primaryKey())
    // JSON: the values set here; the rule's defaults fill the rest.
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('compliance_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // rule|site (or region:code)|key: one finding per condition across runs.
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('compliance_findings_region').on('compliance_findings').columns(['region_code', 'state']).execute();
  await db.schema.createIndex('compliance_findings_enterprise').on('compliance_findings').columns(['enterprise_id', 'state']).execute();
  await db.schema.createIndex('compliance_findings_site').on('compliance_findings').column('site_id').execute();
  await db.schema.createIndex('compliance_findings_rule').on('compliance_findings').columns(['rule', 'state']).execute();

  await db.schema
    .createTable('compliance_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .addColumn('today', 'text', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    // JSON: rules that failed, with why (their findings were left as they were).
    .addColumn('failed', 'text')
    .execute();
  await db.schema.createIndex('compliance_runs_started').on('compliance_runs').column('started_at').execute();

  await db.schema
    .createTable('compliance_consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('experts', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compliance_consultations_site').on('compliance_consultations').columns(['site_id', 'date']).execute();

  await db.schema
    .createTable('compliance_equipment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('brake_type', 'text')
    // JSON array of 'people' | 'explosives' | 'fuel' | 'ore'.
    .addColumn('carries', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compliance_equipment_site').on('compliance_equipment').column('site_id').execute();

  await db.schema
    .createTable('compliance_site_facts')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    .addColumn('new_mine', 'integer')
    .addColumn('filling_assessed_on', 'text')
    .addColumn('heads_up_plan_on', 'text')
    .addColumn('at_final_elevation', 'integer')
    .addColumn('receiving_tailings', 'integer')
    .addColumn('idle_since', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
