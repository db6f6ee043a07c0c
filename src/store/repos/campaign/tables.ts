/** Campaign ledger tables, added to the store's Database type here so that schema.ts stays shared. */
interface Common {
  id: string;
  region_code: string;
  enterprise_id: string | null;
  version: number;
  origin_node: string;
  created_at: number;
  updated_at: number;
}

export interface CampaignsTable extends Common {
  name: string;
  year: number | null;
  document: string | null;
  created_by: string | null;
}

export interface CampaignTasksTable extends Common {
  campaign_id: string;
  number: string;
  ordinal: number;
  text: string;
  sub_items: string;
  deadline: string | null;
  deadline_text: string | null;
  owner: string | null;
  state: string;
  steps: string;
  supervision: string | null;
  visits: string;
  escalations: string;
  evaluation: string | null;
  remarks: string | null;
  published_at: number | null;
  listed_at: number | null;
  reminded_at: number | null;
  overdue_at: number | null;
}

export interface TaskAssignmentsTable extends Common {
  task_id: string;
  campaign_id: string;
  parent_id: string | null;
  assigner_region: string;
  assigner_node: string;
  campaign_name: string;
  task_number: string;
  task_text: string;
  deadline: string;
  state: string;
  progress: number;
  evidence: string;
  reports: string;
  reviews: string;
  escalations: string;
  return_reason: string | null;
  reported_at: number | null;
  accepted_at: number | null;
  reminded_at: number | null;
  overdue_at: number | null;
}

export interface KeyProblemsTable extends Common {
  number: string;
  year: number;
  seq: number;
  title: string;
  description: string | null;
  state: string;
  campaign_id: string | null;
  task_ids: string;
  site_ids: string;
  hazard_ids: string;
  owner: string | null;
  deadline: string | null;
  created_by: string | null;
}

export interface KeyProblemCountersTable {
  city_code: string;
  year: number;
  last: number;
}

export interface PressureMeasuresTable extends Common {
  kind: string;
  target: string;
  campaign_id: string | null;
  task_id: string | null;
  title: string;
  content: string | null;
  document: string | null;
  at: number;
  created_by: string | null;
}

export interface CampaignRoundsTable extends Common {
  campaign_id: string;
  round: number;
  title: string | null;
  due: string;
  created_by: string | null;
}

declare module '../../schema.ts' {
  interface Database {
    campaigns: CampaignsTable;
    campaign_tasks: CampaignTasksTable;
    task_assignments: TaskAssignmentsTable;
    key_problems: KeyProblemsTable;
    key_problem_counters: KeyProblemCountersTable;
    pressure_measures: PressureMeasuresTable;
    campaign_rounds: CampaignRoundsTable;
  }
}
