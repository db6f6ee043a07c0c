/**
 * The one place an alarm row is built. Every opener (a threshold or rate rule, a silent sensor or site,
 * stuck data, an offline node) states what is particular to its alarm; the life-cycle fields start here:
 * open, not yet acknowledged, analysed, verified or closed, no relapse, answered first by the enterprise.
 */
export interface NewAlarmFacts {
  id: string;
  siteId: string;
  sensorId: string | null;
  regionCode: string;
  enterpriseId: string;
  kind: string;
  level: string;
  /** The level the condition is at now; the opening level unless the opener knows better. */
  currentLevel?: string | null;
  value?: number | null;
  message: string;
  openedAt: number;
  recoveredAt?: number | null;
  /** Who answers first; an enterprise unless the opener is a node watching its own children. */
  tier?: string;
  now: number;
  originNode: string;
}

/** The stored shape of an alarm, as `alarms` holds it. */
export interface AlarmRecord {
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

export function newAlarm(f: NewAlarmFacts): AlarmRecord {
  return {
    id: f.id,
    site_id: f.siteId,
    sensor_id: f.sensorId,
    region_code: f.regionCode,
    enterprise_id: f.enterpriseId,
    kind: f.kind,
    level: f.level,
    current_level: f.currentLevel === undefined ? f.level : f.currentLevel,
    state: 'open',
    value: f.value ?? null,
    message: f.message,
    opened_at: f.openedAt,
    recovered_at: f.recoveredAt ?? null,
    relapses: 0,
    acknowledged_at: null,
    acknowledged_by: null,
    analysed_at: null,
    analysed_by: null,
    cause: null,
    measures: null,
    verified_at: null,
    verified_by: null,
    closed_at: null,
    closed_by: null,
    tier: f.tier ?? 'enterprise',
    escalated_at: null,
    reminded_at: null,
    created_at: f.now,
    updated_at: f.now,
    origin_node: f.originNode,
  };
}
