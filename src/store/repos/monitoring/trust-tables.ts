/** Tables of the monitoring the watched party cannot weaken, added to the store's Database type here. */

/** An action on an alarm owned below, sent down as an `alarm.act` order from this node. */
export interface AlarmOrdersTable {
  /** The order's id; the alarm action that records its outcome at the owner has the same id. */
  id: string;
  alarm_id: string;
  action: string;
  body: string;
  issued_at: number;
  actor_id: string | null;
  actor_name: string | null;
  child: string | null;
}

/** A change that would weaken a regulated sensor, waiting for the supervising level. */
export interface MonitoringChangeRequestsTable {
  id: string;
  site_id: string;
  sensor_id: string;
  region_code: string;
  enterprise_id: string | null;
  kind: string;
  change: string;
  weakens: string;
  state: string;
  requested_by: string | null;
  requested_by_id: string | null;
  requested_at: number;
  decided_by: string | null;
  decided_by_id: string | null;
  decided_at: number | null;
  reason: string | null;
  version: number;
  origin_node: string;
  updated_at: number;
}

declare module '../../schema.ts' {
  interface Database {
    alarm_orders: AlarmOrdersTable;
    monitoring_change_requests: MonitoringChangeRequestsTable;
  }
}
