import { Forbidden, Invalid, NotFound } from '../errors.ts';
import { isWithin, scopePrefix } from '../regions/regions.ts';
import { CREATABLE_ROLES, ROLE_PERMISSIONS, type Permission, type Role } from './roles.ts';

/** Who is asking. A node or a device acts with a principal of its own kind. */
export interface Principal {
  kind: 'user' | 'node' | 'device';
  id: string;
  name: string;
  role: Role;
  /** GB/T 2260 code the principal is bound to (officers, inspectors, experts, nodes). */
  regionCode: string | null;
  /** Enterprise the principal is bound to (enterprise roles, enterprise nodes, devices). */
  enterpriseId: string | null;
  /** For a device: the only site it may report for. */
  siteId?: string | null;
}

/** What a principal may see: everything, a region and below, or one enterprise. */
export type Scope = { all: true } | { all: false; regionPrefix: string } | { all: false; enterpriseId: string };

/** Anything that sits in the registry's hierarchy. */
export interface Placed {
  regionCode: string;
  enterpriseId?: string | null;
}

export function scopeOf(p: Principal): Scope {
  // A device reads nothing: it only posts readings for its own site (checked by the ingest path).
  if (p.kind === 'device') return { all: false, enterpriseId: '\u0000none' };
  if (p.enterpriseId) return { all: false, enterpriseId: p.enterpriseId };
  if (p.role === 'admin' && !p.regionCode) return { all: true };
  if (p.regionCode) return { all: false, regionPrefix: scopePrefix(p.regionCode) };
  // A non-admin without region or enterprise sees nothing: fail closed.
  return { all: false, enterpriseId: '\u0000none' };
}

export function canSee(p: Principal, thing: Placed): boolean {
  if (p.kind === 'device') return false;
  if (p.enterpriseId) return thing.enterpriseId === p.enterpriseId;
  if (p.role === 'admin' && !p.regionCode) return true;
  if (p.regionCode) return isWithin(p.regionCode, thing.regionCode);
  return false;
}

export function can(p: Principal, permission: Permission): boolean {
  if (p.kind === 'device') return permission === 'telemetry.write';
  return ROLE_PERMISSIONS[p.role].includes(permission);
}

/** Throws 403 unless the principal holds the permission. */
export function requirePermission(p: Principal, permission: Permission): void {
  if (!can(p, permission)) {
    throw new Forbidden(`Role ${p.role} may not ${permission} (角色无此权限)`);
  }
}

/** Throws 403 unless a person (not a node or a device token) holds the permission. */
export function requirePerson(p: Principal, permission?: Permission): void {
  if (p.kind !== 'user') throw new Forbidden(`A ${p.kind} token may not do this; log in as a person (仅限用户)`);
  if (permission) requirePermission(p, permission);
}

/**
 * Throws unless the principal may act on the thing. A thing outside the principal's scope is
 * reported as not found, so that its existence does not leak.
 */
export function requireAccess(p: Principal, permission: Permission, thing: Placed, what = 'Record'): void {
  if (!canSee(p, thing)) throw new NotFound(`${what} not found`);
  requirePermission(p, permission);
}

/** The site or enterprise a request named to place a new record at, as it named it. */
export interface NamedPlace {
  field: 'site' | 'enterprise';
  id: string;
}

/** 422 for a named site or enterprise that does not exist, or that the caller may not see: one answer for both. */
export function unknownPlace(named: NamedPlace): Invalid {
  const what = named.field === 'site' ? '场所不存在' : '企业不存在';
  return new Invalid(`Unknown ${named.field} (${what})`, [{ path: named.field, message: `no ${named.field} ${named.id} in your scope` }]);
}

/**
 * Throws when a principal tries to place a new record outside its own scope. A place the request named
 * by a record's id (a site, an enterprise) is answered as unknown, exactly as one that does not exist,
 * so that the answer never tells the record exists elsewhere; a region (public GB/T 2260 codes) is 403.
 */
export function requirePlacement(p: Principal, permission: Permission, thing: Placed, named?: NamedPlace): void {
  requirePermission(p, permission);
  if (!canSee(p, thing)) {
    if (named) throw unknownPlace(named);
    throw new Forbidden(
      `Outside your scope: ${p.enterpriseId ? `enterprise ${p.enterpriseId}` : `region ${p.regionCode ?? '(none)'}`} (超出管辖范围)`,
    );
  }
}

/** May the principal change what holds for the whole platform (monitoring, network settings, templates)? */
export function mayManagePlatform(p: Principal, permission: Permission): boolean {
  return can(p, permission) && scopeOf(p).all;
}

/**
 * Throws 403 unless the principal holds the permission over everything: a setting that applies to
 * every region is not changed by someone who answers for one of them.
 */
export function requirePlatformWide(p: Principal, permission: Permission): void {
  requirePermission(p, permission);
  if (!scopeOf(p).all) throw new Forbidden('Only an administrator of the whole platform changes platform-wide settings (仅限全局管理员)');
}

/**
 * An account grants only what it holds: the new account's role is one the creator may create, and
 * its place (region, or enterprise with its region) lies inside the creator's scope. An account bound
 * to nothing sees everything, so only a creator who sees everything makes one.
 */
export function requireGrant(actor: Principal, role: Role, place: { regionCode: string | null; enterpriseId: string | null }): void {
  requirePermission(actor, 'user.create');
  if (!CREATABLE_ROLES[actor.role].includes(role)) throw new Forbidden(`Role ${actor.role} may not create accounts with role ${role}`);
  if (place.regionCode === null && place.enterpriseId === null) {
    if (!scopeOf(actor).all) throw new Forbidden('Only an administrator of the whole platform creates accounts bound to no region (超出管辖范围)');
    return;
  }
  if (!canSee(actor, { regionCode: place.regionCode ?? '', enterpriseId: place.enterpriseId })) {
    throw new Forbidden(`Outside your scope: ${place.enterpriseId ? `enterprise ${place.enterpriseId}` : `region ${place.regionCode}`} (超出管辖范围)`);
  }
}
