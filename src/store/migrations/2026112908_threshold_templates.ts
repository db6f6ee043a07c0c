import type { Kysely } from 'kysely';

/**
 * Threshold templates in force at this node: values a parent issued (or this node's administrators
 * set) for one pond grade, dam type and sensor kind, used before the built-in defaults.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('threshold_templates')
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('dam_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON: {direction, blue?, yellow?, orange?, red?}
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // The node that issued the values (this node when set here), and the directive that brought them.
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('directive_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('threshold_templates_pk', ['grade', 'dam_type', 'kind'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
