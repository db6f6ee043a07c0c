import type { Generated } from 'kysely';

/**
 * Table types. Conventions shared by both dialects:
 * ids are UUIDv7 text; instants are epoch milliseconds (bigint); booleans are 0/1 integers;
 * structured values are JSON text. The same query code then runs on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string | null;
  role: string;
  region_code: string | null;
  enterprise_id: string | null;
  disabled: number;
  created_at: number;
  updated_at: number;
  origin_node: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_used_at: number;
  revoked_at: number | null;
}

export interface EnterprisesTable {
  id: string;
  name: string;
  credit_code: string;
  region_code: string;
  address: string | null;
  principal_name: string | null;
  principal_phone: string | null;
  safety_officer_name: string | null;
  safety_officer_phone: string | null;
  contacts: string | null;
  created_at: number;
  updated_at: number;
  version: number;
  origin_node: string;
}

export interface SitesTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  region_code: string;
  enterprise_id: string;
  status: string | null;
  minerals: string | null;
  mining_method: string | null;
  design_capacity: number | null;
  actual_capacity: number | null;
  depth: number | null;
  people_underground: number | null;
  standard_grade: number | null;
  mining_licence: string | null;
  safety_licence: string | null;
  lng: number | null;
  lat: number | null;
  dam_type: string | null;
  dam_height: number | null;
  total_storage: number | null;
  crest_elevation: number | null;
  heads_up: number | null;
  residents_distance: number | null;
  is_new: number | null;
  grade: number | null;
  /** The design's final total storage (10⁴ m³) and dam height (m): the design grade. */
  design_storage?: number | null;
  design_dam_height?: number | null;
  /** An old open pit storing tailings without a dam: no grade. */
  without_dam?: number | null;
  /** Why a review raised the pond one grade; null when none did. */
  grade_raised_reason?: string | null;
  created_at: number;
  updated_at: number;
  version: number;
  origin_node: string;
}

/** Every change to a supervised record, in commit order: the audit trail and the uplink's outbox source. */
export interface ChangeLogTable {
  seq: Generated<number>;
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  entity: string;
  entity_id: string;
  op: string;
  /** JSON: the field changes {field: {from, to}} or the full record on create. */
  changes: string | null;
  origin_node: string;
  /** Position in the origin node's chain, the hash of the entry before, and this entry's hash (domain/audit/chain.ts). */
  node_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  /** Why, when the action asks for a reason. */
  reason: string | null;
}

/** The head of this node's own chain (and of any origin it appends for): last position and hash. */
export interface ChangeChainTable {
  origin_node: string;
  node_seq: number;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  enterprises: EnterprisesTable;
  sites: SitesTable;
  change_log: ChangeLogTable;
  change_chain: ChangeChainTable;
  settings: SettingsTable;
}
