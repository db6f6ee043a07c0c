/** A check due at a site (隐患排查): its items, and their results once done. */
export interface ChecksTable {
  id: string;
  region_code: string;
  city_code: string;
  province_code: string;
  enterprise_id: string;
  site_id: string;
  version: number;
  origin_node: string;
  created_at: number;
  updated_at: number;
  frequency: string;
  period_start: number;
  due_at: number;
  /** JSON CheckItem[] */
  items: string;
  /** JSON ItemResult[] */
  results: string | null;
  completed_at: number | null;
  completed_by: string | null;
  completed_by_name: string | null;
  created_by: string | null;
}

declare module '../../schema.ts' {
  interface Database {
    checks: ChecksTable;
  }
}
