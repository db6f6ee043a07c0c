import type { Kysely } from 'kysely';

/** Files (photos, evidence, generated PDFs): content-addressed on disk, metadata here. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_sha').on('files').column('sha256').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
