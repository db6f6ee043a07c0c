import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../migrate.ts';

/**
 * On PostgreSQL the writer now keeps rollup deltas in memory and writes them about once a second
 * behind the rollups' watermark, as on SQLite. Until now PostgreSQL wrote every reading's rollups in
 * the transaction that stored it and left the watermark where it was created: every reading stored
 * so far is counted, so the watermark moves to the last one (else a restart would count them again).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`UPDATE rollup_watermark SET seq = (SELECT COALESCE(MAX(seq), 0) FROM readings) WHERE id = 1`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
