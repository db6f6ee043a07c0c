import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Supervision and enforcement: licences, principal persons and their scores, illegal-activity cases,
 * class overrides, inspection plans, inspections with findings, document number counters, and one
 * append-only action log. Enforcement records are never deleted: corrections are new actions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Columns every supervised record carries.
  const common = <T extends string>(t: CreateTableBuilder<T, any>) =>
    t
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('enterprise_id', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('origin_node', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull());

  await common(db.schema.createTable('licences'))
    .addColumn('site_id', 'text')
    .addColumn('number', 'text', (c) => c.notNull())
    // China calendar dates 'YYYY-MM-DD'; renewal_from is the first day of the renewal window, kept so
    // that "expiring" is an indexed range query.
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('renewal_from', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text')
    .addColumn('document', 'text')
    .execute();
  await db.schema.createIndex('licences_enterprise').on('licences').columns(['enterprise_id', 'status']).execute();
  await db.schema.createIndex('licences_region').on('licences').columns(['region_code', 'expires_at']).execute();
  await db.schema.createIndex('licences_number').on('licences').column('number').execute();

  await common(db.schema.createTable('persons'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text')
    .addColumn('id_number_tail', 'text')
    .addColumn('appointed_at', 'bigint')
    .execute();
  await db.schema.createIndex('persons_id_number').on('persons').column('id_number_hash').unique().execute();
  await db.schema.createIndex('persons_enterprise').on('persons').columns(['enterprise_id', 'name']).execute();

  await common(db.schema.createTable('scores'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('scores_person_cycle').on('scores').columns(['person_id', 'cycle']).execute();
  await db.schema.createIndex('scores_enterprise_cycle').on('scores').columns(['enterprise_id', 'cycle']).execute();
  await db.schema.createIndex('scores_region').on('scores').columns(['region_code', 'at']).execute();

  await common(db.schema.createTable('cases'))
    .addColumn('site_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('suspect', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    // JSON: file ids; referrals [{id, to, reference, at, replyDue, reply, repliedAt}].
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('referrals', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema.createIndex('cases_region').on('cases').columns(['region_code', 'state']).execute();
  await db.schema.createIndex('cases_enterprise').on('cases').columns(['enterprise_id', 'opened_at']).execute();

  await common(db.schema.createTable('class_overrides'))
    .addColumn('class', 'text')
    .addColumn('computed_class', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .execute();
  await db.schema.createIndex('class_overrides_enterprise').on('class_overrides').columns(['enterprise_id', 'created_at']).execute();

  await common(db.schema.createTable('inspection_plans'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'integer')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('inspection_plans_region').on('inspection_plans').columns(['region_code', 'year']).execute();

  await common(db.schema.createTable('plan_visits'))
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_visits_plan').on('plan_visits').columns(['plan_id', 'due']).execute();

  await common(db.schema.createTable('inspections'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('inspectors', 'text')
    .addColumn('notes', 'text')
    .addColumn('issuer_region', 'text', (c) => c.notNull())
    .addColumn('record_number', 'text')
    .addColumn('order_number', 'text')
    .addColumn('completed_at', 'bigint')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('inspections_site').on('inspections').columns(['site_id', 'at']).execute();
  await db.schema.createIndex('inspections_region').on('inspections').columns(['region_code', 'at']).execute();

  await common(db.schema.createTable('inspection_findings'))
    .addColumn('inspection_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('basis', 'text')
    .addColumn('hazard_id', 'text')
    .execute();
  await db.schema.createIndex('inspection_findings_inspection').on('inspection_findings').column('inspection_id').execute();

  // Document numbers per issuing region, year and kind: taken in the completing transaction, so
  // numbers have no gap and no repeat.
  await db.schema
    .createTable('document_counters')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['kind', 'region_code', 'year'])
    .execute();

  // What was done to an enforcement record, by whom, why, with which document: its own history.
  await db.schema
    .createTable('enforcement_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('reason', 'text')
    .addColumn('document', 'text')
    .addColumn('details', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enforcement_actions_entity').on('enforcement_actions').columns(['entity', 'entity_id', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
