import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { MonitoringChangeRequestsTable } from './trust-tables.ts';
import './trust-tables.ts';

export type ChangeRequestRow = Selectable<MonitoringChangeRequestsTable>;

export async function insertChangeRequest(db: Executor, r: MonitoringChangeRequestsTable): Promise<void> {
  await db.insertInto('monitoring_change_requests').values(r).execute();
}

export async function findChangeRequest(db: Executor, id: string): Promise<ChangeRequestRow | undefined> {
  return db.selectFrom('monitoring_change_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decides a pending request; refuses (false) when it was decided meanwhile. */
export async function decideChangeRequest(db: Executor, id: string, set: Pick<MonitoringChangeRequestsTable, 'state' | 'decided_by' | 'decided_by_id' | 'decided_at' | 'reason' | 'updated_at'>): Promise<boolean> {
  const r = await db
    .updateTable('monitoring_change_requests')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listChangeRequests(db: Executor, f: { scope: ScopeFilter; state?: string; sensorId?: string; limit: number; offset: number }) {
  let q = applyScope(db.selectFrom('monitoring_change_requests'), f.scope, 'monitoring_change_requests.region_code', 'monitoring_change_requests.enterprise_id');
  if (f.state) q = q.where('state', '=', f.state);
  if (f.sensorId) q = q.where('sensor_id', '=', f.sensorId);
  return q.selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** Sensors whose switching off or removal the supervising level approved (or did itself). */
export async function sanctionedShutdowns(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('monitoring_change_requests').select('sensor_id').where('state', '=', 'approved').where('kind', 'in', ['disable', 'delete']).execute();
  return new Set(rows.map((r) => r.sensor_id));
}
