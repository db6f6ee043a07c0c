import type { Kysely } from 'kysely';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/** Change requests travel upward, so that the supervising levels see and decide them wherever they were made. */
export async function up(db: Kysely<any>): Promise<void> {
  await createOutboxTrigger(db, { table: 'monitoring_change_requests', stream: 'records', entity: 'monitoring_change_request' });
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
