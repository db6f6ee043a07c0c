import type { CreateTableBuilder, Kysely } from 'kysely';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * The campaign ledger (专项整治台账): campaigns and their tasks, assignments down the hierarchy (which
 * travel upward through the outbox), key-problem lists with their numbering counters, pressure
 * measures, and reporting rounds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const common = <T extends string>(t: CreateTableBuilder<T, any>) =>
    t
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('enterprise_id', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('origin_node', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull());

  await common(db.schema.createTable('campaigns'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('document', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('campaigns_region').on('campaigns').columns(['region_code', 'created_at']).execute();

  await common(db.schema.createTable('campaign_tasks'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // JSON: [{number, text, deadline?}]
    .addColumn('sub_items', 'text', (c) => c.notNull())
    // China calendar date 'YYYY-MM-DD', or null with the deadline as written.
    .addColumn('deadline', 'text')
    .addColumn('deadline_text', 'text')
    .addColumn('owner', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    // JSON: steps [{action, from, to, by, byId, at, reason?, details?}], supervision order, visits, escalations.
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('supervision', 'text')
    .addColumn('visits', 'text', (c) => c.notNull())
    .addColumn('escalations', 'text', (c) => c.notNull())
    .addColumn('evaluation', 'text')
    .addColumn('remarks', 'text')
    .addColumn('published_at', 'bigint')
    .addColumn('listed_at', 'bigint')
    .addColumn('reminded_at', 'bigint')
    .addColumn('overdue_at', 'bigint')
    .execute();
  await db.schema.createIndex('campaign_tasks_campaign').on('campaign_tasks').columns(['campaign_id', 'ordinal']).execute();
  await db.schema.createIndex('campaign_tasks_region').on('campaign_tasks').columns(['region_code', 'state']).execute();
  await db.schema.createIndex('campaign_tasks_deadline').on('campaign_tasks').columns(['state', 'deadline']).execute();
  await db.schema.createIndex('campaign_tasks_listed').on('campaign_tasks').columns(['listed_at']).execute();

  await common(db.schema.createTable('task_assignments'))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    // The assignment this one passes on (a county's share of a city's), null when assigned from the task.
    .addColumn('parent_id', 'text')
    .addColumn('assigner_region', 'text', (c) => c.notNull())
    .addColumn('assigner_node', 'text', (c) => c.notNull())
    // What the assignee needs to see without the task itself (the task stays at the node that made it).
    .addColumn('campaign_name', 'text', (c) => c.notNull())
    .addColumn('task_number', 'text', (c) => c.notNull())
    .addColumn('task_text', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    // JSON: {text, files}; reports [{id, progress, text, files, round?, by, at}]; reviews [{id, decision, reason?, by, at}]; escalations [{level, region, at}].
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('reports', 'text', (c) => c.notNull())
    .addColumn('reviews', 'text', (c) => c.notNull())
    .addColumn('escalations', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('reported_at', 'bigint')
    .addColumn('accepted_at', 'bigint')
    .addColumn('reminded_at', 'bigint')
    .addColumn('overdue_at', 'bigint')
    .execute();
  await db.schema.createIndex('task_assignments_task').on('task_assignments').columns(['task_id', 'region_code']).execute();
  await db.schema.createIndex('task_assignments_campaign').on('task_assignments').columns(['campaign_id', 'region_code']).execute();
  await db.schema.createIndex('task_assignments_parent').on('task_assignments').column('parent_id').execute();
  await db.schema.createIndex('task_assignments_enterprise').on('task_assignments').columns(['enterprise_id', 'state']).execute();
  await db.schema.createIndex('task_assignments_deadline').on('task_assignments').columns(['state', 'deadline']).execute();
  await createOutboxTrigger(db, { table: 'task_assignments', stream: 'records', entity: 'assignment' });

  await common(db.schema.createTable('key_problems'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    // JSON arrays of ids.
    .addColumn('task_ids', 'text', (c) => c.notNull())
    .addColumn('site_ids', 'text', (c) => c.notNull())
    .addColumn('hazard_ids', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('deadline', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('key_problems_number').on('key_problems').column('number').unique().execute();
  await db.schema.createIndex('key_problems_region').on('key_problems').columns(['region_code', 'year', 'seq']).execute();

  // One row per city code and year: the last sequence number given, taken in the creating transaction.
  await db.schema
    .createTable('key_problem_counters')
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('key_problem_counters_pk', ['city_code', 'year'])
    .execute();

  await common(db.schema.createTable('pressure_measures'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('task_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('document', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('pressure_measures_region').on('pressure_measures').columns(['region_code', 'at']).execute();
  await db.schema.createIndex('pressure_measures_campaign').on('pressure_measures').columns(['campaign_id', 'region_code']).execute();
  await db.schema.createIndex('pressure_measures_task').on('pressure_measures').column('task_id').execute();

  await common(db.schema.createTable('campaign_rounds'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('campaign_rounds_campaign').on('campaign_rounds').columns(['campaign_id', 'round']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
