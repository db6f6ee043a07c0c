import { Conflict, Invalid } from '../../domain/errors.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';

/** What the ledger's services share. */
export type LedgerDeps = Pick<Deps, 'store' | 'now' | 'nodeId' | 'regions' | 'events' | 'config' | 'scheduler'>;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A client-made id must be a UUIDv7, so that records made offline sort by when they were made. */
export function checkClientId(id: string | undefined, path = 'id'): void {
  if (id !== undefined && !UUID_V7.test(id)) throw new Invalid('A record id made by the client must be a UUIDv7', [{ path, message: `${id} is not a UUIDv7` }]);
}

/** An action read at `version` refused once the record moved on; the current record goes with the 409. */
export function checkVersion<T extends { version: number }>(what: string, current: T, version: number | undefined, present: (x: T) => unknown = (x) => x): void {
  if (version !== undefined && version !== current.version) {
    throw new Conflict(`The ${what} was changed by someone else (version ${current.version}, yours ${version}); reload and retry (记录已被他人修改)`, { currentVersion: current.version, current: present(current) }, 'stale_version');
  }
}

export interface AuditInput {
  entity: string;
  entityId: string;
  op: string;
  changes: unknown;
  reason?: string | null;
}

/** The change-log entry of a ledger change, in the change's transaction. */
export function audit(tx: Executor, actor: Pick<Principal, 'id' | 'name'> | null, nodeId: string, at: number, c: AuditInput): Promise<void> {
  return appendChange(tx, { actorId: actor?.id ?? null, actorName: actor?.name ?? null, entity: c.entity, entityId: c.entityId, op: c.op, changes: c.changes, reason: c.reason ?? null, originNode: nodeId, at });
}

/** Whether the database refused a duplicate primary key (two creations with one id at once). */
export function isDuplicateKey(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /UNIQUE constraint failed|duplicate key value/i.test(msg);
}

/** Where the ledger's records of an unbound actor sit: the node's own region. */
export function homeRegion(actor: Principal, deps: Pick<Deps, 'config'>): string {
  return actor.regionCode ?? deps.config.region;
}
