/**
 * Dual-prevention tables (双重预防), added to the store's Database type here so that schema.ts stays
 * shared. Every row carries its place in the hierarchy (region, enterprise, site) for scoping and
 * for the uplink, a version for optimistic concurrency, and the node it was made on.
 */
interface Placed {
  id: string;
  region_code: string;
  /** region_code's city (e.g. 140100) and province (140000), for scopes that keep their index order. */
  city_code: string;
  province_code: string;
  enterprise_id: string;
  site_id: string;
  version: number;
  origin_node: string;
  created_at: number;
  updated_at: number;
}

/** A risk point in the enterprise's register (风险分级管控清单). */
export interface RisksTable extends Placed {
  name: string;
  area: string | null;
  /** 工艺/岗位. */
  process: string | null;
  /** One of the key operations (KEY_OPERATIONS), or null. */
  operation: string | null;
  method: string;
  l: number;
  e: number | null;
  c: number | null;
  s: number | null;
  score: number;
  level: string;
  /** JSON string[] */
  hazard_factors: string;
  /** JSON string[] (GB 6441 categories) */
  accident_types: string;
  /** JSON RiskMeasure[]: kind, text, department, person, controlLevel */
  measures: string;
  /** JSON string[]: the check items that prove the measures hold */
  check_items: string;
  control_level: string | null;
  department: string | null;
  person: string | null;
  template_id: string | null;
  /** JSON: earlier assessments, newest last */
  history: string;
  assessed_at: number;
  assessed_by: string | null;
  created_by: string | null;
}

/** A hidden hazard in the enterprise's ledger (隐患台账). */
export interface HazardsTable extends Placed {
  description: string;
  location: string | null;
  category: string | null;
  grade: string;
  criterion_id: string | null;
  source: string;
  source_ref: string | null;
  risk_id: string | null;
  /** JSON string[]: file ids */
  photos: string;
  deadline: number;
  state: string;
  /** JSON RectificationPlan */
  plan: string | null;
  /** JSON Rectification */
  rectification: string | null;
  rectified_at: number | null;
  rectified_by: string | null;
  rectified_by_name: string | null;
  verified_at: number | null;
  verified_by: string | null;
  verified_by_name: string | null;
  verification_note: string | null;
  closed_at: number | null;
  closed_by: string | null;
  rejections: number;
  reported_by: string | null;
  reported_by_name: string | null;
  /** When the overdue job first found it past its deadline. */
  overdue_at: number | null;
  /** The administrative level it has been escalated to (enterprise, county, city, province). */
  escalation_tier: string | null;
  escalated_at: number | null;
  /** Listed supervision by the supervising department (挂牌督办). */
  supervised_at: number | null;
  supervised_by: string | null;
  /** JSON Supervision: level, body, order text, deadline, who (optional: rows made before it). */
  supervision?: string | null;
  /** JSON Acceptance: the supervising department's acceptance of the close-out (销号验收). */
  supervision_acceptance?: string | null;
}

/**
 * How many hazards there are under a province, city or county (`scope`: 14, 1401, 140105) by month
 * found (China time, 'YYYY-MM'), grade, state, timing ('on_time', 'late', '' when not rectified) and,
 * for open ones, the month of the deadline ('' otherwise): kept by a trigger on hazards.
 */
export interface HazardTalliesTable {
  scope: string;
  month: string;
  grade: string;
  state: string;
  timing: string;
  due: string;
  n: number;
}

declare module '../../schema.ts' {
  interface Database {
    risks: RisksTable;
    hazards: HazardsTable;
    hazard_tallies: HazardTalliesTable;
  }
}
