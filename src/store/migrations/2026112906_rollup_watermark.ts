import { sql, type Kysely } from 'kysely';

/**
 * The rollups' watermark: every reading of a local sensor stored at or below this sequence is counted
 * in the rollups table. The writer keeps newer readings' rollup deltas in memory and writes them about
 * once a second; after a crash, the readings above the watermark are counted again from the table.
 * Until now rollups were written with their readings, so they are complete up to the last reading.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_watermark')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO rollup_watermark (id, seq, updated_at) SELECT 1, COALESCE(MAX(seq), 0), 0 FROM readings`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
