import { uuidv7 } from 'uuidv7';
import type { Executor } from '../db.ts';

export interface ChangeInput {
  actorId: string | null;
  actorName: string | null;
  entity: string;
  entityId: string;
  op: string;
  changes: unknown;
  originNode: string;
  at: number;
}

export async function appendChange(db: Executor, c: ChangeInput): Promise<void> {
  await db
    .insertInto('change_log')
    .values({
      id: uuidv7(),
      at: c.at,
      actor_id: c.actorId,
      actor_name: c.actorName,
      entity: c.entity,
      entity_id: c.entityId,
      op: c.op,
      changes: c.changes === undefined ? null : JSON.stringify(c.changes),
      origin_node: c.originNode,
    })
    .execute();
}

export async function listChanges(db: Executor, entity: string, entityId: string, limit = 100, offset = 0) {
  return db
    .selectFrom('change_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
