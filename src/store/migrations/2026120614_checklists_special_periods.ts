import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Inspection checklists (检查表): a region's templates per site kind, and the checklist an inspection
 * carries with its results. Special periods (特殊时段) of a region. Plan visits learn their kind
 * (planned or unscheduled), why an unscheduled one was added, and whether it is in depth (解剖式).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const common = <T extends string>(t: CreateTableBuilder<T, any>) =>
    t
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('enterprise_id', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('origin_node', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull());

  // JSON items [{code, text, basis, major?}].
  await common(db.schema.createTable('checklist_templates'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('checklist_templates_region_kind').on('checklist_templates').columns(['region_code', 'kind']).unique().execute();

  // One per inspection (id = the inspection's id); JSON items with result and note.
  await common(db.schema.createTable('inspection_checklists'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .execute();

  await common(db.schema.createTable('special_periods'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('extra_visits', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('special_periods_region').on('special_periods').columns(['region_code', 'starts_on']).execute();

  await db.schema.alterTable('plan_visits').addColumn('visit_kind', 'text', (c) => c.notNull().defaultTo('planned')).execute();
  await db.schema.alterTable('plan_visits').addColumn('reason', 'text').execute();
  await db.schema.alterTable('plan_visits').addColumn('in_depth', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(): Promise<void> {
  // Forward only.
}
