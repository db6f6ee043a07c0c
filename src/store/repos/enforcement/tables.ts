/** Enforcement tables, added to the store's Database type here so that schema.ts stays shared. */
interface Common {
  id: string;
  region_code: string;
  enterprise_id: string | null;
  version: number;
  origin_node: string;
  created_at: number;
  updated_at: number;
}

export interface LicencesTable extends Common {
  site_id: string | null;
  number: string;
  issued_at: string;
  expires_at: string;
  renewal_from: string;
  status: string;
  conditions: string | null;
  document: string | null;
}

export interface PersonsTable extends Common {
  name: string;
  id_number_hash: string | null;
  id_number_tail: string | null;
  appointed_at: number | null;
}

export interface ScoresTable extends Common {
  person_id: string;
  points: number;
  reason: string;
  basis: string | null;
  at: number;
  cycle: number;
  state: string;
  recorded_by: string | null;
}

export interface CasesTable extends Common {
  site_id: string | null;
  kind: string;
  title: string;
  description: string | null;
  suspect: string | null;
  state: string;
  evidence: string;
  referrals: string;
  outcome: string | null;
  opened_at: number;
  closed_at: number | null;
}

export interface ClassOverridesTable extends Common {
  class: string | null;
  computed_class: string | null;
  reason: string;
  actor_id: string | null;
  actor_name: string | null;
}

export interface InspectionPlansTable extends Common {
  year: number;
  quarter: number | null;
  created_by: string | null;
}

export interface PlanVisitsTable extends Common {
  plan_id: string;
  site_id: string;
  class: string;
  seq: number;
  due: string;
  /** 'planned' or 'unscheduled' (added by a special period); absent on rows written before. */
  visit_kind?: string;
  reason?: string | null;
  /** 1: an in-depth (解剖式) visit. */
  in_depth?: number;
}

export interface InspectionsTable extends Common {
  site_id: string;
  kind: string;
  state: string;
  at: number;
  inspectors: string | null;
  notes: string | null;
  issuer_region: string;
  record_number: string | null;
  order_number: string | null;
  completed_at: number | null;
  created_by: string | null;
}

export interface InspectionFindingsTable extends Common {
  inspection_id: string;
  description: string;
  grade: string;
  deadline: string | null;
  basis: string | null;
  hazard_id: string | null;
  /** Added by 2026120612_finding_verification: the authority's review once the hazard is rectified. */
  verified_at: number | null;
  verified_by: string | null;
  verification_note: string | null;
}

/** An administrative penalty decision (行政处罚决定); amounts in yuan. */
export interface PenaltiesTable extends Common {
  site_id: string | null;
  person_id: string | null;
  inspection_id: string | null;
  finding_id: string | null;
  case_id: string | null;
  kind: string;
  violation: string;
  law: string;
  article: string;
  amount: number | null;
  paid_amount: number | null;
  state: string;
  issuer_region: string;
  number: string;
  decided_at: number;
  notified_at: number | null;
  paid_at: number | null;
  closed_at: number | null;
  decided_by: string | null;
}

/** A government leader's responsibility for a site (领导包保) or a resident safety commissioner (派驻监管专员). */
export interface SiteResponsibilitiesTable extends Common {
  site_id: string;
  role: string;
  name: string;
  post: string;
  level: string | null;
  phone: string | null;
  starts_on: string;
  ends_on: string | null;
  ended_reason: string | null;
  created_by: string | null;
}

export interface DocumentCountersTable {
  kind: string;
  region_code: string;
  year: number;
  last: number;
}

export interface EnforcementActionsTable {
  id: string;
  entity: string;
  entity_id: string;
  /** Added by 2026120609_enforcement_sync; null on actions recorded before it and not found since. */
  region_code: string | null;
  enterprise_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  document: string | null;
  details: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: number;
  origin_node: string;
}

declare module '../../schema.ts' {
  interface Database {
    licences: LicencesTable;
    persons: PersonsTable;
    scores: ScoresTable;
    cases: CasesTable;
    class_overrides: ClassOverridesTable;
    inspection_plans: InspectionPlansTable;
    plan_visits: PlanVisitsTable;
    inspections: InspectionsTable;
    inspection_findings: InspectionFindingsTable;
    document_counters: DocumentCountersTable;
    penalties: PenaltiesTable;
    site_responsibilities: SiteResponsibilitiesTable;
    enforcement_actions: EnforcementActionsTable;
  }
}
