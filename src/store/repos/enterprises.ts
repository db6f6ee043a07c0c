import type { Executor } from '../db.ts';
import type { EnterprisesTable } from '../schema.ts';
import { applyScope, type ScopeFilter } from './scope.ts';

export interface Person {
  name: string | null;
  phone: string | null;
}
export interface Contact {
  name: string;
  role?: string;
  phone?: string;
}
export interface Enterprise {
  id: string;
  name: string;
  creditCode: string;
  region: string;
  address: string | null;
  principal: Person;
  safetyOfficer: Person;
  contacts: Contact[];
  createdAt: number;
  updatedAt: number;
  version: number;
  originNode: string;
}

export function toEnterprise(r: EnterprisesTable): Enterprise {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    region: r.region_code,
    address: r.address,
    principal: { name: r.principal_name, phone: r.principal_phone },
    safetyOfficer: { name: r.safety_officer_name, phone: r.safety_officer_phone },
    contacts: r.contacts ? (JSON.parse(r.contacts) as Contact[]) : [],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: r.version,
    originNode: r.origin_node,
  };
}

export function fromEnterprise(e: Enterprise): EnterprisesTable {
  return {
    id: e.id,
    name: e.name,
    credit_code: e.creditCode,
    region_code: e.region,
    address: e.address,
    principal_name: e.principal.name,
    principal_phone: e.principal.phone,
    safety_officer_name: e.safetyOfficer.name,
    safety_officer_phone: e.safetyOfficer.phone,
    contacts: e.contacts.length ? JSON.stringify(e.contacts) : null,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    version: e.version,
    origin_node: e.originNode,
  };
}

export async function insertEnterprise(db: Executor, e: Enterprise): Promise<void> {
  await db.insertInto('enterprises').values(fromEnterprise(e)).execute();
}

/** Writes the new state only if the stored version is the expected one; false when someone else won. */
export async function updateEnterprise(db: Executor, e: Enterprise, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = fromEnterprise(e);
  const r = await db.updateTable('enterprises').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findEnterprise(db: Executor, id: string): Promise<Enterprise | undefined> {
  const r = await db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toEnterprise(r);
}

export async function findEnterpriseByCreditCode(db: Executor, code: string): Promise<Enterprise | undefined> {
  const r = await db.selectFrom('enterprises').selectAll().where('credit_code', '=', code).executeTakeFirst();
  return r && toEnterprise(r);
}

export interface EnterpriseQuery {
  scope: ScopeFilter;
  region?: string; // a GB/T 2260 prefix
  q?: string;
  sort: 'name' | '-name' | 'createdAt' | '-createdAt' | 'region' | '-region';
  limit: number;
  offset: number;
}

const sortCol = { name: 'name', createdAt: 'created_at', region: 'region_code' } as const;

export async function listEnterprises(db: Executor, f: EnterpriseQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('enterprises'), f.scope, 'enterprises.region_code', 'enterprises.id');
    if (f.region) q = q.where('enterprises.region_code', 'like', `${f.region}%`);
    if (f.q) {
      const like = `%${f.q}%`;
      q = q.where((eb) => eb.or([eb('enterprises.name', 'like', like), eb('enterprises.credit_code', 'like', like)]));
    }
    return q;
  };
  const desc = f.sort.startsWith('-');
  const col = sortCol[f.sort.replace('-', '') as keyof typeof sortCol];
  const rows = await filtered()
    .selectAll('enterprises')
    .select((eb) =>
      // Only the sites the caller may see: an enterprise's site may lie in a county the caller does not cover.
      applyScope(eb.selectFrom('sites').select((e2) => e2.fn.countAll<number>().as('n')).whereRef('sites.enterprise_id', '=', 'enterprises.id'), f.scope, 'sites.region_code', 'sites.enterprise_id').as('site_count'),
    )
    .orderBy(`enterprises.${col}`, desc ? 'desc' : 'asc')
    .orderBy('enterprises.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({ ...toEnterprise(r), siteCount: Number(r.site_count ?? 0) })),
    total: Number(total.n),
  };
}
