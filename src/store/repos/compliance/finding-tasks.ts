import type { Executor } from '../../db.ts';
import '../campaign/tables.ts';
import type { ComplianceFindingTasksTable } from './tables.ts';

export async function findFindingTask(db: Executor, findingId: string, campaignId: string): Promise<ComplianceFindingTasksTable | undefined> {
  return db.selectFrom('compliance_finding_tasks').selectAll().where('finding_id', '=', findingId).where('campaign_id', '=', campaignId).executeTakeFirst();
}

/** Links a finding to its task in a campaign; a link already there is kept (the first one wins). */
export async function insertFindingTask(db: Executor, row: ComplianceFindingTasksTable): Promise<void> {
  await db.insertInto('compliance_finding_tasks').values(row).onConflict((oc) => oc.columns(['finding_id', 'campaign_id']).doNothing()).execute();
}

/** The tasks raised from these findings, with each task's number, state and deadline and its campaign's name. */
export async function tasksOfFindings(db: Executor, findingIds: readonly string[]) {
  const out = [];
  for (let i = 0; i < findingIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('compliance_finding_tasks as l')
        .innerJoin('campaign_tasks as t', 't.id', 'l.task_id')
        .innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
        .select(['l.finding_id', 'l.campaign_id', 'l.task_id', 'l.site_id', 'l.created_at', 'c.name as campaign_name', 't.number', 't.text', 't.state', 't.deadline'])
        .where('l.finding_id', 'in', findingIds.slice(i, i + 500))
        .orderBy('l.created_at')
        .execute()),
    );
  }
  return out;
}
