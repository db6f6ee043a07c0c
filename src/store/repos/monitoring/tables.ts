import type { Generated } from 'kysely';

/** Monitoring tables, added to the store's Database type here so that schema.ts stays shared. */
export interface SensorsTable {
  key: Generated<number>;
  id: string;
  site_id: string;
  code: string;
  name: string | null;
  kind: string;
  unit: string;
  section: string | null;
  elevation: number | null;
  x: number | null;
  y: number | null;
  expected_interval_sec: number;
  /** JSON: StoredThresholds (values with their sources). */
  thresholds: string;
  /** JSON: RateRule or null. */
  rate_rule: string | null;
  /** JSON: DerivedDefinition or null. */
  derived: string | null;
  disabled: number;
  /** Who set the thresholds: 'template', 'officer' or 'enterprise' (null: read from the sources). */
  thresholds_owner?: string | null;
  created_at: number;
  updated_at: number;
  version: number;
  origin_node: string;
}

export interface ReadingsTable {
  seq: Generated<number>;
  sensor_key: number;
  ts: number;
  value: number;
}

export interface PointStatesTable {
  sensor_key: number;
  rule: string;
  state: string;
  alarm_id: string | null;
  updated_at: number;
}

export interface RollupsTable {
  sensor_key: number;
  bucket_sec: number;
  bucket_start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  first_ts: number;
  first_value: number;
  last_ts: number;
  last_value: number;
}

export interface AlarmsTable {
  id: string;
  site_id: string;
  sensor_id: string | null;
  region_code: string;
  enterprise_id: string;
  kind: string;
  level: string;
  current_level: string | null;
  state: string;
  value: number | null;
  message: string | null;
  opened_at: number;
  recovered_at: number | null;
  relapses: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  analysed_at: number | null;
  analysed_by: string | null;
  cause: string | null;
  measures: string | null;
  verified_at: number | null;
  verified_by: string | null;
  closed_at: number | null;
  closed_by: string | null;
  tier: string;
  escalated_at: number | null;
  reminded_at: number | null;
  created_at: number;
  updated_at: number;
  origin_node: string;
}

export interface AlarmActionsTable {
  id: string;
  alarm_id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  note: string | null;
  details: string | null;
}

export interface NotificationsTable {
  id: string;
  alarm_id: string | null;
  at: number;
  channel: string;
  recipient: string;
  status: string;
  detail: string | null;
}

export interface DevicesTable {
  id: string;
  site_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
  last_used_at: number | null;
  /** After this instant the token no longer works (null: until revoked). */
  expires_at?: number | null;
}

/** One row (id 1): readings of local sensors up to `seq` are counted in the rollups table. */
export interface RollupWatermarkTable {
  id: number;
  seq: number;
  updated_at: number;
}

declare module '../../schema.ts' {
  interface Database {
    sensors: SensorsTable;
    readings: ReadingsTable;
    point_states: PointStatesTable;
    rollups: RollupsTable;
    rollup_watermark: RollupWatermarkTable;
    alarms: AlarmsTable;
    alarm_actions: AlarmActionsTable;
    notifications: NotificationsTable;
    devices: DevicesTable;
  }
}
