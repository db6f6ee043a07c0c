import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import type { NetIntervalsTable, NetNodesTable } from './tables.ts';

export type NodeRow = Selectable<NetNodesTable>;
export type IntervalRow = Selectable<NetIntervalsTable>;

export async function insertNode(db: Executor, n: NetNodesTable): Promise<void> {
  await db.insertInto('net_nodes').values(n).execute();
}

export async function findNode(db: Executor, id: string): Promise<NodeRow | undefined> {
  return db.selectFrom('net_nodes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findNodeByTokenHash(db: Executor, hash: string): Promise<NodeRow | undefined> {
  return db.selectFrom('net_nodes').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function listNodes(db: Executor): Promise<NodeRow[]> {
  return db.selectFrom('net_nodes').selectAll().orderBy('level').orderBy('region_code').orderBy('created_at').execute();
}

/** The nodes registered here (they hold a token of this node), as opposed to forwarded ones. */
export async function listOwnChildren(db: Executor): Promise<NodeRow[]> {
  return db.selectFrom('net_nodes').selectAll().where('token_hash', 'is not', null).where('revoked_at', 'is', null).execute();
}

/** Scopes of every node below this one still in service (revoked ones watch nothing any more). */
/**
 * The scopes of the nodes below that watch their own sites: not revoked, and heard from at least once
 * (a node registered but never started watches nothing yet, so this node keeps watching for it).
 */
export async function listNodeScopes(db: Executor): Promise<{ region: string; enterprise: string | null }[]> {
  return db
    .selectFrom('net_nodes')
    .select(['region_code as region', 'enterprise_id as enterprise'])
    .where('revoked_at', 'is', null)
    .where('first_seen', 'is not', null)
    .execute();
}

/** Every change bumps the version so that the node's record travels upward as any other. */
export async function updateNode(db: Executor, id: string, set: Partial<Omit<NetNodesTable, 'id' | 'version'>>): Promise<void> {
  await db
    .updateTable('net_nodes')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function openInterval(db: Executor, i: NetIntervalsTable): Promise<void> {
  await db.insertInto('net_intervals').values(i).execute();
}

export async function findOpenInterval(db: Executor, nodeId: string): Promise<IntervalRow | undefined> {
  return db.selectFrom('net_intervals').selectAll().where('node_id', '=', nodeId).where('ended_at', 'is', null).orderBy('started_at', 'desc').executeTakeFirst();
}

export async function closeInterval(db: Executor, id: string, endedAt: number): Promise<void> {
  await db
    .updateTable('net_intervals')
    .set((eb) => ({ ended_at: endedAt, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Intervals of the nodes that overlap [from, to). */
export async function listIntervals(db: Executor, nodeIds: readonly string[], from: number, to: number): Promise<IntervalRow[]> {
  if (nodeIds.length === 0) return [];
  return db
    .selectFrom('net_intervals')
    .selectAll()
    .where('node_id', 'in', nodeIds as string[])
    .where('started_at', '<', to)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
    .orderBy('started_at')
    .execute();
}
