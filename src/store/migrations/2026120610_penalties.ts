import type { Kysely } from 'kysely';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * Administrative penalties (行政处罚): one decision per row, numbered per issuing region and year from
 * the document counters in the deciding transaction; its actions go to enforcement_actions. Penalties
 * travel upward like the other enforcement records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('penalties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('inspection_id', 'text')
    .addColumn('finding_id', 'text')
    .addColumn('case_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('violation', 'text', (c) => c.notNull())
    .addColumn('law', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('amount', 'double precision')
    .addColumn('paid_amount', 'double precision')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('issuer_region', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addColumn('notified_at', 'bigint')
    .addColumn('paid_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('decided_by', 'text')
    .execute();
  // A number is issued once by its issuing node; copies from below keep theirs.
  await db.schema.createIndex('penalties_number').on('penalties').columns(['number', 'origin_node']).unique().execute();
  await db.schema.createIndex('penalties_region').on('penalties').columns(['region_code', 'decided_at']).execute();
  await db.schema.createIndex('penalties_enterprise').on('penalties').columns(['enterprise_id', 'decided_at']).execute();
  await db.schema.createIndex('penalties_case').on('penalties').column('case_id').execute();
  await createOutboxTrigger(db, { table: 'penalties', entity: 'penalty', stream: 'records' });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
