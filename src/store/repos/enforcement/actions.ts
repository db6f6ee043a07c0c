import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db.ts';
import type { EnforcementActionsTable } from './tables.ts';

export interface EnforcementAction {
  entity: string;
  entityId: string;
  region: string;
  enterprise: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  document: string | null;
  details: unknown;
  actorId: string | null;
  actorName: string | null;
  at: number;
  originNode: string;
}

export async function insertAction(db: Executor, a: EnforcementAction): Promise<void> {
  await db
    .insertInto('enforcement_actions')
    .values({
      id: uuidv7(),
      entity: a.entity,
      entity_id: a.entityId,
      region_code: a.region,
      enterprise_id: a.enterprise,
      action: a.action,
      from_state: a.fromState,
      to_state: a.toState,
      reason: a.reason,
      document: a.document,
      details: a.details === undefined || a.details === null ? null : JSON.stringify(a.details),
      actor_id: a.actorId,
      actor_name: a.actorName,
      at: a.at,
      origin_node: a.originNode,
    })
    .execute();
}

export function presentAction(r: EnforcementActionsTable) {
  return {
    action: r.action,
    from: r.from_state,
    to: r.to_state,
    reason: r.reason,
    document: r.document,
    details: r.details ? (JSON.parse(r.details) as unknown) : null,
    by: r.actor_name,
    byId: r.actor_id,
    at: Number(r.at),
  };
}

/** A record's actions, oldest first. */
export async function listActions(db: Executor, entity: string, entityId: string) {
  const rows = await db.selectFrom('enforcement_actions').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('at').orderBy('id').execute();
  return rows.map(presentAction);
}
