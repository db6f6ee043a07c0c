import type { Role } from '../../api/types.ts';

export const RISK_LEVELS = ['major', 'significant', 'general', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const LEVEL_COLOR: Record<RiskLevel, string> = { major: '#f5222d', significant: '#fa8c16', general: '#fadb14', low: '#1677ff' };
export const LEVEL_TAG: Record<RiskLevel, string> = { major: 'red', significant: 'orange', general: 'gold', low: 'blue' };

export const HAZARD_STATES = ['registered', 'planned', 'rectified', 'verified', 'closed'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];
export const STATE_TAG: Record<HazardState, string> = { registered: 'red', planned: 'orange', rectified: 'blue', verified: 'cyan', closed: 'default' };
export const HAZARD_ACTIONS = ['plan', 'rectify', 'verify', 'reject', 'close'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];
export const KEY_OPERATIONS = ['excavation', 'hoisting', 'haulage', 'blasting', 'ventilation', 'drainage', 'fire_prevention', 'ore_drawing', 'dam_building', 'goaf_treatment'] as const;
export const CONTROL_LEVELS = ['company', 'section', 'team', 'post'] as const;
export const MEASURE_KINDS = ['engineering', 'management', 'training', 'ppe', 'emergency'] as const;
export const HAZARD_SOURCES = ['check', 'inspection', 'alarm', 'ad_hoc'] as const;
export const HAZARD_CATEGORIES = ['equipment', 'behaviour', 'environment', 'management'] as const;

export interface Plan {
  goal?: string | null;
  measures: string;
  funds?: number | null;
  people?: string | null;
  deadline?: number | null;
  interimMeasures?: string | null;
}

export interface Hazard {
  id: string;
  site: string;
  region: string;
  enterprise: string;
  description: string;
  location: string | null;
  category: string | null;
  grade: 'general' | 'major';
  criterion: string | null;
  source: string;
  sourceRef: string | null;
  photos: string[];
  deadline: number;
  state: HazardState;
  plan: Plan | null;
  rectification: { note: string; photos: string[] } | null;
  rectifiedAt: number | null;
  rectifiedBy: string | null;
  rectifiedByName: string | null;
  verifiedAt: number | null;
  verifiedByName: string | null;
  verificationNote: string | null;
  closedAt: number | null;
  rejections: number;
  reportedByName: string | null;
  overdue: boolean;
  daysOverdue: number | null;
  escalationTier: string | null;
  supervisedAt: number | null;
  supervisedBy: string | null;
  /** Listed supervision (挂牌督办): level, body, order text, deadline, who. */
  supervision: { level: string; body: string; order: string; deadline: number; at: number; by: string | null } | null;
  /** The supervising department's acceptance of the close-out (督办销号验收). */
  supervisionAcceptance: { level: string; body: string; note: string | null; at: number; by: string | null } | null;
  /** On a hazard kept below, the decision on its way there (HTTP 202). */
  pending?: { orderId: string; action: 'supervise' | 'accept' };
  createdAt: number;
  version: number;
}

export interface HazardDetail extends Hazard {
  allowedActions: HazardAction[];
  history: { at: number; user: string | null; op?: string; changes: Record<string, unknown> | null }[];
}

export interface HazardStats {
  found: number;
  rectified: number;
  onTime: number;
  overdue: number;
  onTimeRate: number | null;
  byGrade: Record<'general' | 'major', { found: number; overdue: number }>;
}

export interface Measure {
  kind: (typeof MEASURE_KINDS)[number];
  text: string;
  department?: string | null;
  person?: string | null;
  controlLevel?: (typeof CONTROL_LEVELS)[number] | null;
}

export interface Risk {
  id: string;
  site: string;
  name: string;
  area: string | null;
  process: string | null;
  operation: string | null;
  method: 'LEC' | 'LS';
  L: number;
  E: number | null;
  C: number | null;
  S: number | null;
  score: number;
  level: RiskLevel;
  hazardFactors: string[];
  accidentTypes: string[];
  measures: Measure[];
  checkItems: string[];
  controlLevel: string | null;
  department: string | null;
  person: string | null;
  history: { method: string; L: number; E: number | null; C: number | null; S: number | null; score: number; level: RiskLevel; assessedAt: number; assessedBy: string | null }[];
  assessedAt: number;
  version: number;
}

export interface ScaleValue {
  value: number;
  zh: string;
}
export interface Vocabulary {
  scales: { LEC: { L: ScaleValue[]; E: ScaleValue[]; C: ScaleValue[] }; LS: { L: ScaleValue[]; S: ScaleValue[] } };
  accidentTypes: string[];
}
export interface RiskTemplate {
  id: string;
  operation: string | null;
  siteKinds: string[];
  riskPoint: string;
  area: string;
  hazardFactors: string[];
  accidentTypes: string[];
  measures: { kind: Measure['kind']; text: string }[];
  checkItems: string[];
  suggested: { L: number; E: number; C: number };
  controlLevel: (typeof CONTROL_LEVELS)[number];
}
export interface Criterion {
  id: string;
  section: string;
  number: string | null;
  text: string;
  confirmed: boolean;
}

// A mirror of the server's permissions, used only to hide buttons; the server decides every request.
const MANAGERS: Role[] = ['admin', 'enterprise_principal', 'enterprise_safety_officer'];
const OFFICERS: Role[] = ['admin', 'province_officer', 'city_officer', 'county_officer'];
export const mayManageRisks = (r: Role) => MANAGERS.includes(r);
export const mayReport = (r: Role) => [...MANAGERS, 'enterprise_staff', 'inspector'].includes(r);
export const maySupervise = (r: Role) => OFFICERS.includes(r);

/** Today plus `days`, as YYYY-MM-DD in China (the deadline field's format). */
export function chinaDatePlus(days: number, now = Date.now()): string {
  return new Date(now + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A deadline shown as its day in China. */
export function chinaDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Lines of a textarea as a list, blanks dropped. */
export const lines = (s: string | undefined) => (s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
