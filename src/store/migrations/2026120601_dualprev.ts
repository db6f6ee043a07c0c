import type { Kysely } from 'kysely';
import { dialectOf } from '../migrate.ts';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * Dual prevention: the risk register and the hazard ledger. Lists are scoped (province, city, county,
 * enterprise, site) and ordered newest first, so each scope column leads an index with created_at;
 * the overdue job reads open hazards by deadline. Both travel upward: every insert and update enters the
 * outbox in its own transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const real = dialectOf(db) === 'postgres' ? 'double precision' : 'real';
  const placed = (t: any) =>
    t
      .addColumn('id', 'text', (c: any) => c.primaryKey())
      .addColumn('region_code', 'text', (c: any) => c.notNull())
      // The city and province of region_code: a scope is then one equality, whose index keeps list order.
      .addColumn('city_code', 'text', (c: any) => c.notNull())
      .addColumn('province_code', 'text', (c: any) => c.notNull())
      .addColumn('enterprise_id', 'text', (c: any) => c.notNull())
      .addColumn('site_id', 'text', (c: any) => c.notNull())
      .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
      .addColumn('origin_node', 'text', (c: any) => c.notNull())
      .addColumn('created_at', 'bigint', (c: any) => c.notNull())
      .addColumn('updated_at', 'bigint', (c: any) => c.notNull());

  await placed(db.schema.createTable('risks'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('area', 'text')
    .addColumn('process', 'text')
    .addColumn('operation', 'text')
    .addColumn('method', 'text', (c: any) => c.notNull())
    .addColumn('l', real, (c: any) => c.notNull())
    .addColumn('e', real)
    .addColumn('c', real)
    .addColumn('s', real)
    .addColumn('score', real, (c: any) => c.notNull())
    .addColumn('level', 'text', (c: any) => c.notNull())
    .addColumn('hazard_factors', 'text', (c: any) => c.notNull())
    .addColumn('accident_types', 'text', (c: any) => c.notNull())
    .addColumn('measures', 'text', (c: any) => c.notNull())
    .addColumn('check_items', 'text', (c: any) => c.notNull())
    .addColumn('control_level', 'text')
    .addColumn('department', 'text')
    .addColumn('person', 'text')
    .addColumn('template_id', 'text')
    .addColumn('history', 'text', (c: any) => c.notNull())
    .addColumn('assessed_at', 'bigint', (c: any) => c.notNull())
    .addColumn('assessed_by', 'text')
    .addColumn('created_by', 'text')
    .execute();
  for (const col of ['enterprise_id', 'region_code', 'city_code', 'province_code', 'site_id']) {
    await db.schema.createIndex(`risks_${col}`).on('risks').columns([col, 'created_at']).execute();
  }

  await placed(db.schema.createTable('hazards'))
    .addColumn('description', 'text', (c: any) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('category', 'text')
    .addColumn('grade', 'text', (c: any) => c.notNull())
    .addColumn('criterion_id', 'text')
    .addColumn('source', 'text', (c: any) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('risk_id', 'text')
    .addColumn('photos', 'text', (c: any) => c.notNull())
    .addColumn('deadline', 'bigint', (c: any) => c.notNull())
    .addColumn('state', 'text', (c: any) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('rectification', 'text')
    .addColumn('rectified_at', 'bigint')
    .addColumn('rectified_by', 'text')
    .addColumn('rectified_by_name', 'text')
    .addColumn('verified_at', 'bigint')
    .addColumn('verified_by', 'text')
    .addColumn('verified_by_name', 'text')
    .addColumn('verification_note', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('closed_by', 'text')
    .addColumn('rejections', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('reported_by', 'text')
    .addColumn('reported_by_name', 'text')
    .addColumn('overdue_at', 'bigint')
    .addColumn('escalation_tier', 'text')
    .addColumn('escalated_at', 'bigint')
    .addColumn('supervised_at', 'bigint')
    .addColumn('supervised_by', 'text')
    .execute();
  for (const col of ['enterprise_id', 'region_code', 'city_code', 'province_code', 'site_id']) {
    await db.schema.createIndex(`hazards_${col}`).on('hazards').columns([col, 'created_at']).execute();
  }
  // Open and overdue hazards in a scope (state and deadline), and the overdue job over all of them.
  for (const col of ['enterprise_id', 'region_code', 'city_code', 'province_code']) {
    await db.schema.createIndex(`hazards_${col}_open`).on('hazards').columns([col, 'state', 'grade', 'deadline']).execute();
  }
  // Statistics of a province or city over a period, read from the index alone.
  for (const col of ['city_code', 'province_code']) {
    await db.schema.createIndex(`hazards_${col}_stats`).on('hazards').columns([col, 'created_at', 'grade', 'state', 'deadline', 'rectified_at']).execute();
  }
  await db.schema.createIndex('hazards_open_deadline').on('hazards').columns(['state', 'deadline']).execute();

  await createOutboxTrigger(db, { table: 'risks', stream: 'records', entity: 'risk' });
  await createOutboxTrigger(db, { table: 'hazards', stream: 'records', entity: 'hazard' });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
