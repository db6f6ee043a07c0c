// Shapes of the server's replies (see /api/v1/openapi.json).
export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  region: string | null;
  enterprise: string | null;
  disabled?: boolean;
  createdAt?: number;
}

export type Role =
  | 'admin'
  | 'province_officer'
  | 'city_officer'
  | 'county_officer'
  | 'inspector'
  | 'enterprise_principal'
  | 'enterprise_safety_officer'
  | 'enterprise_staff'
  | 'expert';

export const ROLES: Role[] = [
  'admin',
  'province_officer',
  'city_officer',
  'county_officer',
  'inspector',
  'enterprise_principal',
  'enterprise_safety_officer',
  'enterprise_staff',
  'expert',
];

export interface NodeInfo {
  level: string;
  region: string;
  regionName: string | null;
  name: string;
}

export interface Region {
  code: string;
  name: string;
  level: string;
  parent?: string | null;
}

export interface Person {
  name: string | null;
  phone: string | null;
}

export interface Enterprise {
  id: string;
  name: string;
  creditCode: string;
  region: string;
  regionName: string | null;
  address: string | null;
  principal: Person;
  safetyOfficer: Person;
  siteCount?: number;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export type SiteKind = 'tailings_pond' | 'underground' | 'open_pit';
export type SiteStatus = 'construction' | 'producing' | 'suspended' | 'awaiting_closure' | 'closed';
export type DamType = 'upstream' | 'centerline' | 'downstream' | 'one_time';

export interface GradeDerivation {
  grade: number | null;
  byStorage?: number | null;
  byHeight?: number | null;
  rule?: string;
  source?: string;
  [k: string]: unknown;
}

export interface Site {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  region: string;
  regionName: string | null;
  enterprise: string;
  enterpriseName?: string;
  status: SiteStatus | null;
  minerals: string[];
  miningMethod: string | null;
  designCapacity: number | null;
  actualCapacity: number | null;
  depth: number | null;
  peopleUnderground: number | null;
  standardGrade: number | null;
  miningLicence: string | null;
  safetyLicence: string | null;
  lng: number | null;
  lat: number | null;
  damType: DamType | null;
  damHeight: number | null;
  totalStorage: number | null;
  crestElevation: number | null;
  headsUp: boolean | null;
  residentsDistance: number | null;
  isNew: boolean | null;
  grade: number | null;
  gradeDerivation: GradeDerivation | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Change {
  at: number;
  user: string | null;
  op?: string;
  changes: Record<string, unknown> | null;
}

export interface ImportResult {
  created: number;
  errors: { line: number; field: string | null; reason: string }[];
}
