import type { Role } from '../api/types.ts';

// A mirror of the server's role table, used only to hide buttons a user could not use;
// the server decides every request on its own.
// enforcement.manage: override a class, generate a plan, add a special period; monitoring.decide: approve or
// refuse a monitoring change request (the supervising level, never the enterprise).
type Permission = 'enterprise.create' | 'enterprise.update' | 'site.create' | 'site.update' | 'registry.import' | 'user.create' | 'settings.manage' | 'enforcement.manage' | 'monitoring.decide';

const OFFICER: Permission[] = ['enterprise.create', 'enterprise.update', 'site.create', 'site.update', 'registry.import', 'user.create', 'enforcement.manage', 'monitoring.decide'];
const TABLE: Record<Role, Permission[]> = {
  admin: [...OFFICER, 'settings.manage'],
  province_officer: OFFICER,
  city_officer: OFFICER,
  county_officer: OFFICER,
  inspector: [],
  expert: [],
  enterprise_principal: ['site.update', 'user.create'],
  enterprise_safety_officer: ['site.update'],
  enterprise_staff: [],
};

export function can(role: Role, p: Permission): boolean {
  return TABLE[role]?.includes(p) ?? false;
}

/** Roles tied to a region, and roles tied to an enterprise (the user form asks for one or the other). */
export const REGION_ROLES: Role[] = ['province_officer', 'city_officer', 'county_officer', 'inspector', 'expert'];
export const ENTERPRISE_ROLES: Role[] = ['enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff'];
