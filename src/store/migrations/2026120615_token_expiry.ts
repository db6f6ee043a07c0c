import type { Kysely } from 'kysely';

/** Node and device tokens may expire (null: until revoked); either can be replaced by a new one (rotation). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('net_nodes').addColumn('token_expires_at', 'bigint').execute();
  await db.schema.alterTable('devices').addColumn('expires_at', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
