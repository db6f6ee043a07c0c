import type { Role } from '../../api/types.ts';

// Shapes of the ledger's replies (see /api/v1/openapi.json: Campaign, CampaignTask, TaskAssignment).
export interface Campaign {
  id: string;
  name: string;
  year: number | null;
  document: string | null;
  region: string;
  version: number;
}

export interface Step {
  action: string;
  from: string | null;
  to: string;
  by: string | null;
  at: number;
  reason?: string | null;
}

export interface ByAssignee {
  assignment: string;
  region: string;
  regionName: string | null;
  enterprise: string | null;
  state: string;
  deadline: string;
  progress: number;
}

export interface Task {
  id: string;
  campaignId: string;
  number: string;
  text: string;
  deadline: string | null;
  deadlineText: string | null;
  owner: string | null;
  state: string;
  stateLabel: string;
  actions: string[];
  steps: Step[];
  supervision: { by: string; what: string; deadline: string } | null;
  overdueAt: number | null;
  region: string;
  progress: number | null;
  byAssignee: ByAssignee[];
  version: number;
}

export interface Assignment {
  id: string;
  taskId: string;
  campaignName: string;
  taskNumber: string;
  taskText: string;
  deadline: string;
  state: string;
  stateLabel: string;
  actions: string[];
  progress: number;
  rolledProgress: number;
  evidence: { text: string | null; files: string[] };
  returnReason: string | null;
  region: string;
  regionName: string | null;
  enterprise: string | null;
  ownedHere: boolean;
  overdueAt: number | null;
  version: number;
}

export interface UnitEvaluation {
  code: string;
  name: string;
  rank: number;
  items: number;
  completed: number;
  completionRate: number;
  onTime: number;
  onTimeRate: number;
  overdue: number;
  pressureMeasures: number;
}

export const TASK_STATE_COLOR: Record<string, string> = {
  raised: 'default',
  in_progress: 'processing',
  published: 'cyan',
  listed: 'magenta',
  key_supervision: 'red',
  evaluated: 'purple',
  circulated: 'geekblue',
  done: 'success',
  returned: 'warning',
};

export const ASSIGNMENT_STATE_COLOR: Record<string, string> = { assigned: 'processing', reported: 'cyan', accepted: 'success', returned: 'warning' };

/** Actions that need more than a click: what the form asks for. */
export const ACTION_FIELDS: Record<string, 'supervision' | 'visit' | 'evaluation' | 'reason' | 'handle' | 'notice' | null> = {
  handle: 'handle',
  publish: null,
  list: 'supervision',
  supervise: null,
  visit: 'visit',
  complete: null,
  return: 'reason',
  evaluate: 'evaluation',
  circulate: 'notice',
};

const MANAGERS: Role[] = ['admin', 'province_officer', 'city_officer', 'county_officer'];
const REPORTERS: Role[] = [...MANAGERS, 'enterprise_principal', 'enterprise_safety_officer'];
export const mayManage = (r: Role) => MANAGERS.includes(r);
export const mayReport = (r: Role) => REPORTERS.includes(r);
