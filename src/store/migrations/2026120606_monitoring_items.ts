import type { Kysely } from 'kysely';

/**
 * What a pond's monitoring must cover beyond its registry record: whether it stores tailings wet or
 * dry (湿式/干式), which sets its required monitoring items (GB 39496-2020 §5.5.2) with its grade.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('monitoring_site_profiles')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    // 'wet' | 'dry'
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
