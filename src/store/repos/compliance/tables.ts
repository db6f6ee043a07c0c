/** Compliance tables, added to the store's Database type here so that schema.ts stays shared. */
export interface ComplianceParametersTable {
  rule_id: string;
  /** JSON: the values set here; the rule's defaults fill the rest. */
  params: string;
  version: number;
  updated_at: number;
  updated_by: string | null;
}

export interface ComplianceFindingsTable {
  id: string;
  fingerprint: string;
  rule: string;
  site_id: string | null;
  region_code: string;
  enterprise_id: string | null;
  key: string;
  message: string;
  evidence: string;
  state: string;
  reason: string | null;
  first_seen: number;
  last_seen: number;
  resolved_at: number | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
  /** The node whose rule runs keep the finding (they compare and clear only their own). */
  origin_node: string;
}

export interface ComplianceRunsTable {
  id: string;
  trigger: string;
  actor_id: string | null;
  started_at: number;
  finished_at: number;
  today: string;
  added: number;
  resolved: number;
  reopened: number;
  open: number;
  failed: string | null;
}

export interface ComplianceConsultationsTable {
  id: string;
  site_id: string;
  region_code: string;
  enterprise_id: string;
  date: string;
  experts: string;
  conclusion: string;
  created_at: number;
  created_by: string | null;
  origin_node: string;
}

export interface ComplianceEquipmentTable {
  id: string;
  site_id: string;
  region_code: string;
  enterprise_id: string;
  name: string;
  kind: string;
  model: string | null;
  brake_type: string | null;
  carries: string;
  created_at: number;
  created_by: string | null;
  origin_node: string;
}

export interface ComplianceSiteFactsTable {
  site_id: string;
  new_mine: number | null;
  filling_assessed_on: string | null;
  heads_up_plan_on: string | null;
  at_final_elevation: number | null;
  receiving_tailings: number | null;
  idle_since: string | null;
  note: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

export interface ComplianceFindingTasksTable {
  finding_id: string;
  campaign_id: string;
  task_id: string;
  site_id: string | null;
  created_at: number;
  created_by: string | null;
}

declare module '../../schema.ts' {
  interface Database {
    compliance_parameters: ComplianceParametersTable;
    compliance_findings: ComplianceFindingsTable;
    compliance_runs: ComplianceRunsTable;
    compliance_consultations: ComplianceConsultationsTable;
    compliance_equipment: ComplianceEquipmentTable;
    compliance_site_facts: ComplianceSiteFactsTable;
    compliance_finding_tasks: ComplianceFindingTasksTable;
  }
}
