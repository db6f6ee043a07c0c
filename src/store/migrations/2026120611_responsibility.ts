import type { Kysely } from 'kysely';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * Responsibility for sites (包保责任): government leaders named for each underground mine and tailings
 * pond, and resident safety commissioners for ponds, each for a period. Never deleted: an assignment
 * is ended with its reason. They travel upward like the other enforcement records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_responsibilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    // 'leader' (领导包保) or 'commissioner' (派驻监管专员).
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('phone', 'text')
    // China calendar dates; ends_on null: open-ended.
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('ended_reason', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('site_responsibilities_site').on('site_responsibilities').columns(['site_id', 'role', 'starts_on']).execute();
  await db.schema.createIndex('site_responsibilities_region').on('site_responsibilities').columns(['region_code', 'role']).execute();
  await createOutboxTrigger(db, { table: 'site_responsibilities', entity: 'responsibility', stream: 'records' });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
