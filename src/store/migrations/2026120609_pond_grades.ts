import type { Kysely } from 'kysely';

/**
 * A pond's grade as the registry must show it (GB 50863-2013 §3.3.1, GB 51108-2015 §3.2.1): the design's
 * final storage and dam height beside today's, the reason when a review raised it one grade, and
 * whether it is an old open pit storing tailings without a dam (no grade). Sites travel upward: the
 * new columns go with them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').addColumn('design_storage', 'double precision').execute();
  await db.schema.alterTable('sites').addColumn('design_dam_height', 'double precision').execute();
  await db.schema.alterTable('sites').addColumn('without_dam', 'integer').execute();
  await db.schema.alterTable('sites').addColumn('grade_raised_reason', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
