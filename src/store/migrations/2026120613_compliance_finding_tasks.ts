import type { Kysely } from 'kysely';

/**
 * A finding raised as a task of a campaign (专项整治任务): one task per finding and campaign, the
 * finding's site kept beside it so that the task's record points back at the place it is about.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('compliance_finding_tasks')
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('compliance_finding_tasks_pk', ['finding_id', 'campaign_id'])
    .execute();
  await db.schema.createIndex('compliance_finding_tasks_task').on('compliance_finding_tasks').column('task_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
