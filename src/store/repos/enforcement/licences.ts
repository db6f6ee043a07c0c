import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { LicencesTable } from './tables.ts';

export interface LicenceRow {
  id: string;
  region: string;
  enterprise: string;
  site: string | null;
  number: string;
  issuedAt: string;
  expiresAt: string;
  renewalFrom: string;
  status: string;
  conditions: string | null;
  document: string | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

export function toLicence(r: LicencesTable): LicenceRow {
  return {
    id: r.id,
    region: r.region_code,
    enterprise: r.enterprise_id ?? '',
    site: r.site_id,
    number: r.number,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    renewalFrom: r.renewal_from,
    status: r.status,
    conditions: r.conditions,
    document: r.document,
    version: r.version,
    originNode: r.origin_node,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function fromLicence(l: LicenceRow): LicencesTable {
  return {
    id: l.id,
    region_code: l.region,
    enterprise_id: l.enterprise,
    site_id: l.site,
    number: l.number,
    issued_at: l.issuedAt,
    expires_at: l.expiresAt,
    renewal_from: l.renewalFrom,
    status: l.status,
    conditions: l.conditions,
    document: l.document,
    version: l.version,
    origin_node: l.originNode,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
  };
}

export async function insertLicence(db: Executor, l: LicenceRow): Promise<void> {
  await db.insertInto('licences').values(fromLicence(l)).execute();
}

/** Writes the licence if it still has `expectedVersion`; false when someone else changed it first. */
export async function updateLicence(db: Executor, l: LicenceRow, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = fromLicence(l);
  const r = await db.updateTable('licences').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findLicence(db: Executor, id: string): Promise<LicenceRow | undefined> {
  const r = await db.selectFrom('licences').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toLicence(r);
}

/** A licence of the same number not yet revoked or cancelled. */
export async function findLiveLicenceByNumber(db: Executor, number: string): Promise<LicenceRow | undefined> {
  const r = await db.selectFrom('licences').selectAll().where('number', '=', number).where('status', 'in', ['valid', 'suspended']).executeTakeFirst();
  return r && toLicence(r);
}

export interface LicenceQuery {
  scope: ScopeFilter;
  region?: string;
  enterprise?: string;
  site?: string;
  /** Computed state, matched through the stored status and dates on `today`. */
  state?: string;
  today: string;
  /** Licences still valid whose last day is on or before this date. */
  expiringBy?: string;
  limit: number;
  offset: number;
}

export async function listLicences(db: Executor, f: LicenceQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('licences'), f.scope, 'licences.region_code', 'licences.enterprise_id');
    if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
    if (f.enterprise) q = q.where('enterprise_id', '=', f.enterprise);
    if (f.site) q = q.where('site_id', '=', f.site);
    if (f.state === 'valid') q = q.where('status', '=', 'valid').where('renewal_from', '>', f.today);
    else if (f.state === 'expiring') q = q.where('status', '=', 'valid').where('renewal_from', '<=', f.today).where('expires_at', '>=', f.today);
    else if (f.state === 'expired') q = q.where('status', '=', 'valid').where('expires_at', '<', f.today);
    else if (f.state) q = q.where('status', '=', f.state);
    if (f.expiringBy) q = q.where('status', '=', 'valid').where('expires_at', '>=', f.today).where('expires_at', '<=', f.expiringBy);
    return q;
  };
  const rows = await filtered().selectAll().orderBy('expires_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(toLicence), total: Number(total.n) };
}

/** Every licence of these enterprises (for flags and classes). */
export async function licencesOfEnterprises(db: Executor, enterprises: readonly string[]): Promise<LicenceRow[]> {
  if (enterprises.length === 0) return [];
  const out: LicenceRow[] = [];
  // Chunked: SQLite's parameter limit.
  for (let i = 0; i < enterprises.length; i += 500) {
    const rows = await db.selectFrom('licences').selectAll().where('enterprise_id', 'in', enterprises.slice(i, i + 500)).execute();
    out.push(...rows.map(toLicence));
  }
  return out;
}
