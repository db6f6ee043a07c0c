import type { Level, PointState } from '../../../domain/monitoring/index.ts';
import type { ReadingsQualityTable } from './quality.ts';
import type { AlarmActionsTable, AlarmsTable } from './tables.ts';

/** What one monitoring flush writes, as the planner hands it to the bulk writers (SQLite, PostgreSQL). */

export type RuleName = 'value' | 'rate';

export interface RollupDelta {
  key: number;
  bucketSec: number;
  bucketStart: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  firstTs: number;
  firstValue: number;
  lastTs: number;
  lastValue: number;
}

export interface StateWrite {
  key: number;
  rule: RuleName;
  state: PointState;
  alarmId: string | null;
}

export interface AlarmSync {
  id: string;
  level: Level;
  current_level: Level | null;
  recovered_at: number | null;
  relapses: number;
  value: number;
  /** The alarm's text again when the point reached its peak level anew (escalation, relapse); null keeps the text. */
  message: string | null;
  updated_at: number;
}

export interface ChangeRow {
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  entity: string;
  entity_id: string;
  op: string;
  changes: string | null;
  origin_node: string;
}

/** A data-quality alarm whose condition ended (a stuck sensor moved again): recovered, unless it already is. */
export interface AlarmRecovery {
  id: string;
  recovered_at: number;
  updated_at: number;
}

/** Everything one flush writes besides the readings, computed before it is written. */
export interface FlushPlan {
  rollups: RollupDelta[];
  states: StateWrite[];
  alarmInserts: AlarmsTable[];
  alarmUpdates: AlarmSync[];
  actions: AlarmActionsTable[];
  changes: ChangeRow[];
  /** Data-quality flags (stuck, spike) of the readings this flush stores. */
  qualityFlags: ReadingsQualityTable[];
  /** Stuck-sensor alarms recovered (their opening, like any alarm's, is in alarmInserts). */
  qualityRecoveries: AlarmRecovery[];
  /** Alarm ids touched, for the live push after commit. */
  touched: string[];
}
