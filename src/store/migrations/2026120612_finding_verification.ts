import type { Kysely } from 'kysely';

/**
 * The inspecting authority's review of a finding (复查): when the hazard it opened in the enterprise's
 * ledger — kept at the enterprise's own node when it runs one — comes back rectified, the finding is
 * verified by the authority that made it, with a note.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inspection_findings').addColumn('verified_at', 'bigint').execute();
  await db.schema.alterTable('inspection_findings').addColumn('verified_by', 'text').execute();
  await db.schema.alterTable('inspection_findings').addColumn('verification_note', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
