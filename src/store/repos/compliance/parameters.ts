import type { Executor } from '../../db.ts';
import type { ComplianceParametersTable } from './tables.ts';

export async function listParameters(db: Executor): Promise<ComplianceParametersTable[]> {
  return db.selectFrom('compliance_parameters').selectAll().execute();
}

export async function findParameters(db: Executor, ruleId: string): Promise<ComplianceParametersTable | undefined> {
  return db.selectFrom('compliance_parameters').selectAll().where('rule_id', '=', ruleId).executeTakeFirst();
}

/** Writes a rule's parameters if they are still at `expectedVersion` (0: never set); false when someone came first. */
export async function putParameters(db: Executor, row: ComplianceParametersTable, expectedVersion: number): Promise<boolean> {
  if (expectedVersion === 0) {
    const r = await db.insertInto('compliance_parameters').values(row).onConflict((oc) => oc.column('rule_id').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const { rule_id, ...rest } = row;
  const r = await db.updateTable('compliance_parameters').set(rest).where('rule_id', '=', rule_id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
