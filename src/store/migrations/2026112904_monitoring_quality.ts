import type { Kysely } from 'kysely';

/** Data-quality flags of readings (stuck, spike), kept beside the readings so the write path stays as it is. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('readings_quality')
    .addColumn('sensor_key', 'integer', (c) => c.notNull())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('flag', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('readings_quality_pk', ['sensor_key', 'ts', 'flag'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
