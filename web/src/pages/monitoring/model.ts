// Shapes of the monitoring and network replies (the server declares them loosely; these follow its services).
export const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof LEVELS)[number];

/** GB 39496 colours: 蓝 黄 橙 红. */
export const LEVEL_COLOR: Record<Level, string> = { blue: '#1677ff', yellow: '#fadb14', orange: '#fa8c16', red: '#f5222d' };
/** Colour of a site or point with no warning, and of one we know nothing about. */
export const NORMAL_COLOR = '#52c41a';
export const OFFLINE_COLOR = '#8c8c8c';
/** Text colour readable on each level's background (yellow needs dark text). */
export const LEVEL_TEXT: Record<Level, string> = { blue: '#fff', yellow: '#3d3400', orange: '#fff', red: '#fff' };

export function levelRank(l: Level | null | undefined): number {
  return l ? LEVELS.indexOf(l) + 1 : 0;
}

export const ALARM_STATES = ['open', 'acknowledged', 'analysed', 'verified', 'closed'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
export type AlarmAction = 'ack' | 'analyse' | 'verify' | 'reject' | 'close' | 'escalate';
export const CAUSES = ['danger', 'equipment_fault', 'false_alarm'] as const;
export type Cause = (typeof CAUSES)[number];
export const ALARM_KINDS = ['threshold', 'rate', 'offline', 'site_offline', 'quality'] as const;
/** safety: a four-colour warning; transmission: 数据中断 (联网数据传输报警), shown with its own tag and never counted by level. */
export type AlarmCategory = 'safety' | 'transmission' | 'quality';

export function isTransmission(a: { category?: AlarmCategory; kind: string }): boolean {
  return a.category ? a.category === 'transmission' : ['offline', 'site_offline', 'network'].includes(a.kind);
}

/** The colour an alarm is shown in: its level's, or grey for a data interruption. */
export function alarmColor(a: { category?: AlarmCategory; kind: string; level: Level }): string {
  return isTransmission(a) ? OFFLINE_COLOR : LEVEL_COLOR[a.level];
}

export interface OverviewItem {
  site: string;
  siteId: string;
  region: string;
  enterprise: string | null;
  kind: string;
  level: Level | null;
  sensors: number;
  offline: string[];
  silent: boolean;
  openAlarms: number;
  /** Open warnings by level: data interruptions are not among them. */
  openAlarmsByLevel: Partial<Record<Level, number>>;
  /** Open data-interruption (transmission) alarms. */
  openTransmissionAlarms?: number;
  /** Every sensor silent (数据中断): the level shown is the last one known. */
  dataInterrupted?: boolean;
  /** The level shown rests on a silent point's last level. */
  stale?: boolean;
  /** Newest reading of any of its sensors. */
  lastHeard?: number | null;
  missingItems?: string[];
}

export interface Thresholds {
  direction?: 'above' | 'below';
  blue?: number | null;
  yellow?: number | null;
  orange?: number | null;
  red?: number | null;
  hysteresis?: number;
}

export interface Sensor {
  id: string;
  key: number;
  site: string;
  code: string;
  name: string | null;
  kind: string;
  unit: string;
  position: { section?: string | null; elevation?: number | null; x?: number | null; y?: number | null } | null;
  expectedIntervalSec: number;
  thresholds: Thresholds;
  thresholdSources?: Record<string, unknown>;
  disabled: boolean;
}

export interface SensorConnectivity {
  code: string;
  state: 'online' | 'offline' | 'repair_overdue';
  intervalSec: number;
  silentSec: number | null;
  offlineSince: number | null;
}

/** A point in the site's status: a silent one keeps its last confirmed level, marked stale. */
export interface StatusPoint {
  sensor: string;
  kind: string;
  level: Level | null;
  derivedFrom: string | null;
  stale: boolean;
  lastHeard: number | null;
  disabled: boolean;
}

export interface SiteStatus {
  site: string;
  level: Level | null;
  /** GB 39496-2020 §5.5.2 monitoring items (坝体位移, 浸润线, 干滩, 库水位, …), not sensor kinds. */
  items: { item: string; level: Level | null; points: StatusPoint[] }[];
  offline: string[];
  /** Every sensor silent (数据中断): the level shown is the last one known. */
  dataInterrupted: boolean;
  missingItems?: string[];
  connectivity: SensorConnectivity[];
}

export interface Reading {
  ts: number;
  value: number;
  min?: number;
  max?: number;
  count?: number;
}

export interface Series {
  sensor: string;
  unit: string;
  step: string | null;
  items: Reading[];
}

export interface Alarm {
  id: string;
  /** Null for a network alarm, which concerns a node (see `node`) rather than a site. */
  site: string | null;
  siteId: string | null;
  node?: string | null;
  sensor: string | null;
  sensorKind: string | null;
  region: string;
  enterprise: string;
  kind: string;
  category?: AlarmCategory;
  level: Level;
  currentLevel: Level | null;
  state: AlarmState;
  value: number | null;
  message: string;
  openedAt: number;
  recoveredAt: number | null;
  acknowledgedAt: number | null;
  analysedAt: number | null;
  cause: Cause | null;
  measures: string | null;
  verifiedAt: number | null;
  closedAt: number | null;
  tier: string;
  escalatedAt: number | null;
  updatedAt: number;
}

export interface AlarmDetail extends Alarm {
  history: { at: number; action: string; by: string; role?: string | null; level?: string | null; note: string | null; details: unknown }[];
  allowedActions: AlarmAction[];
  /** False for an alarm kept by a node below: actions on it travel down as orders. */
  ownedHere?: boolean;
  /** Actions taken here still on their way to the node that keeps the alarm. */
  pendingOrders?: { orderId: string; action: string; issuedAt: number; by: string | null }[];
  /** Emergency steps, when the analysis found real danger. */
  emergencySteps?: { zh: string; en: string; source: string }[];
  /** The step the alarm waits in and when it climbs a tier if not taken. */
  deadline?: { step: 'response' | 'analysis' | 'verification'; dueAt: number } | null;
}

export interface Notification {
  id?: string;
  at?: number;
  channel?: string;
  recipient?: string;
  to?: string;
  status?: string;
  [k: string]: unknown;
}

export interface NetworkNode {
  id: string;
  level: string;
  region: string;
  enterprise: string | null;
  name: string;
  remoteId: string | null;
  parent: string;
  online: boolean;
  lastSeen: number | null;
  backlog: number;
  backlogAgeSec: number;
  sensorsOnline: number | null;
  revoked: boolean;
  registeredHere: boolean;
  dropoutRate: number | null;
  offlineMs: number;
  completeness: number | null;
}

/** The step the readings API should roll up to for a range: raw ≤ 1 day, 10m ≤ 7 days, 1h ≤ 90 days, 1d beyond. */
export function stepFor(rangeMs: number): string | undefined {
  const day = 86_400_000;
  if (rangeMs <= day) return undefined;
  if (rangeMs <= 7 * day) return '10m';
  if (rangeMs <= 90 * day) return '1h';
  return '1d';
}

/** A goaf ground-pressure red alarm carries the order to stop work and withdraw everyone. */
export function needsWithdrawal(a: Pick<Alarm, 'sensorKind' | 'level' | 'state'>): boolean {
  return a.sensorKind === 'ground_pressure' && a.level === 'red' && a.state !== 'closed';
}
