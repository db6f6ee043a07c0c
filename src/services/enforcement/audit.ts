import type { Principal } from '../../domain/access/policy.ts';
import { Conflict } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { insertAction } from '../../store/repos/enforcement/actions.ts';
import type { Executor } from '../../store/db.ts';

export interface Audited {
  entity: string;
  entityId: string;
  /** Where the record sits, kept on the action so that it travels upward on its own. */
  region: string;
  enterprise: string | null;
  /** 'create' or the life-cycle action taken. */
  op: string;
  changes: unknown;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  document?: string | null;
  details?: unknown;
}

/**
 * Records a change to an enforcement record in the same transaction as the change itself: the
 * record's own action history (why, with which document) and the node's change log.
 */
export async function audit(tx: Executor, actor: Principal, nodeId: string, at: number, a: Audited): Promise<void> {
  await insertAction(tx, {
    entity: a.entity,
    entityId: a.entityId,
    region: a.region,
    enterprise: a.enterprise,
    action: a.op,
    fromState: a.fromState ?? null,
    toState: a.toState ?? null,
    reason: a.reason ?? null,
    document: a.document ?? null,
    details: a.details ?? null,
    actorId: actor.id,
    actorName: actor.name,
    at,
    originNode: nodeId,
  });
  const change = { actorId: actor.id, actorName: actor.name, entity: a.entity, entityId: a.entityId, op: a.op, changes: a.changes, originNode: nodeId, at, ...(a.reason ? { reason: a.reason } : {}) };
  await appendChange(tx, change as Parameters<typeof appendChange>[1]);
}

/**
 * A record forwarded from a node below is that node's to change: records travel upward only, so an
 * action taken on a copy here would be overwritten by the next version from below.
 */
export function requireOwnedHere(what: string, id: string, originNode: string, nodeId: string): void {
  if (originNode !== nodeId) {
    throw new Conflict(`${what} ${id} is kept by the node that recorded it (${originNode}); act on it there (由登记节点处理)`, { originNode }, 'owned_elsewhere');
  }
}
