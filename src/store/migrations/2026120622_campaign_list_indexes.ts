import type { Kysely } from 'kysely';

/**
 * The campaign lists at a province's size (100,000 tasks and their assignments): an assignment list
 * is read in deadline order and counted from the same index (its region code is in it); an
 * enterprise's tasks by their own column. No index leads with the assignment's region: the planner
 * would take it for a province's range and sort every assignment of the province for one page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A page in deadline order walks this and stops; a scope's region range is checked in the index.
  await db.schema.createIndex('task_assignments_by_deadline').on('task_assignments').columns(['deadline', 'id', 'region_code']).execute();
  await db.schema.createIndex('campaign_tasks_enterprise').on('campaign_tasks').columns(['enterprise_id', 'campaign_id', 'ordinal']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
