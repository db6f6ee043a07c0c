import type { Kysely } from 'kysely';

/** Notifications: which alarm event each one answers (so none is sent twice), delivery attempts and HTTP status. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('event', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('notifications').addColumn('status_code', 'integer').execute();
  await db.schema.alterTable('notifications').addColumn('updated_at', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
