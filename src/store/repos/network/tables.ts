import type { Generated } from 'kysely';

/** Network tables, added to the store's Database type here so that schema.ts stays shared. */
export interface NetOutboxTable {
  seq: Generated<number>;
  /** 'records' (registry, sensors, nodes, intervals) or 'alarms' (pushed ahead of the rest). */
  stream: string;
  entity: string;
  entity_id: string;
}

/** A child node registered here, or one further down whose registration was forwarded here. */
export interface NetNodesTable {
  id: string;
  token_hash: string | null;
  level: string;
  region_code: string;
  enterprise_id: string | null;
  name: string;
  /** The child's own node id (its settings `node.id`), learnt from its first contact. */
  remote_id: string | null;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
  /** After this instant the node's token no longer works (null: until revoked). */
  token_expires_at?: number | null;
  first_seen: number | null;
  last_seen: number | null;
  online: number;
  backlog: number;
  backlog_age_sec: number;
  sensors_online: number | null;
  version: number;
  origin_node: string;
}

/** One online or offline stretch of a node; `ended_at` null while it lasts. */
export interface NetIntervalsTable {
  id: string;
  node_id: string;
  state: 'online' | 'offline';
  started_at: number;
  ended_at: number | null;
  version: number;
  origin_node: string;
}

/** How far each child's stream has been applied here (the acknowledgement). */
export interface NetCursorsTable {
  node_id: string;
  stream: string;
  seq: number;
  updated_at: number;
}

/** Items a child sent that were refused, with why; kept so that nothing is silently dropped. */
export interface NetQuarantineTable {
  id: string;
  node_id: string;
  stream: string;
  seq: number | null;
  entity: string;
  entity_id: string | null;
  reason: string;
  item: string | null;
  at: number;
}

/** Directives for a child, pulled by it through the inbox in `seq` order. */
export interface NetDirectivesTable {
  seq: Generated<number>;
  id: string;
  node_id: string;
  kind: string;
  payload: string;
  created_at: number;
  created_by: string | null;
  acked_at: number | null;
}

/** Directives this node received from its parent (applied once each). */
export interface NetReceivedTable {
  id: string;
  kind: string;
  payload: string;
  created_at: number;
  received_at: number;
}

/** Which child the records of each origin node arrive through ('upstream' for the parent's). */
export interface NetOriginsTable {
  origin_node: string;
  via_node: string;
  first_seen: number;
}

declare module '../../schema.ts' {
  interface Database {
    net_outbox: NetOutboxTable;
    net_nodes: NetNodesTable;
    net_intervals: NetIntervalsTable;
    net_cursors: NetCursorsTable;
    net_quarantine: NetQuarantineTable;
    net_directives: NetDirectivesTable;
    net_received: NetReceivedTable;
    net_origins: NetOriginsTable;
  }
}
