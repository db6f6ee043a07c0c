import type { Kysely } from 'kysely';

/**
 * Listed supervision (挂牌督办) as the supervising department set it — level, body, order text,
 * deadline, who — and its acceptance of the close-out (销号验收), each a JSON record on the hazard,
 * so that they travel up with the hazard like the rest of its state.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('hazards').addColumn('supervision', 'text').execute();
  await db.schema.alterTable('hazards').addColumn('supervision_acceptance', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
