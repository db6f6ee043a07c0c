import type { Kysely } from 'kysely';

/**
 * Hazard investigation (隐患排查): the checks due at a site, one per frequency and period generated
 * from the site's check plan (or made by hand with a client id), each with its items and, once done,
 * their results. Missed checks are read by site and due instant.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('results', 'text')
    .addColumn('completed_at', 'bigint')
    .addColumn('completed_by', 'text')
    .addColumn('completed_by_name', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('checks_site_due').on('checks').columns(['site_id', 'due_at']).execute();
  await db.schema.createIndex('checks_region_due').on('checks').columns(['region_code', 'due_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
