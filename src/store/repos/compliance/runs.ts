import type { Executor } from '../../db.ts';
import type { ComplianceRunsTable } from './tables.ts';

export async function insertRun(db: Executor, row: ComplianceRunsTable): Promise<void> {
  await db.insertInto('compliance_runs').values(row).execute();
}

export async function lastRun(db: Executor): Promise<ComplianceRunsTable | undefined> {
  return db.selectFrom('compliance_runs').selectAll().orderBy('started_at', 'desc').limit(1).executeTakeFirst();
}
