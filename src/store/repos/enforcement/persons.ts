import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { PersonsTable } from './tables.ts';

/** A principal person (主要负责人). The identity number is kept only as a hash and its last 4 characters. */
export interface PersonRow {
  id: string;
  name: string;
  region: string;
  /** The enterprise the person serves now. */
  enterprise: string;
  idNumberHash: string | null;
  idNumberTail: string | null;
  appointedAt: number | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

export function toPerson(r: PersonsTable): PersonRow {
  return {
    id: r.id,
    name: r.name,
    region: r.region_code,
    enterprise: r.enterprise_id ?? '',
    idNumberHash: r.id_number_hash,
    idNumberTail: r.id_number_tail,
    appointedAt: r.appointed_at === null ? null : Number(r.appointed_at),
    version: r.version,
    originNode: r.origin_node,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function fromPerson(p: PersonRow): PersonsTable {
  return {
    id: p.id,
    name: p.name,
    region_code: p.region,
    enterprise_id: p.enterprise,
    id_number_hash: p.idNumberHash,
    id_number_tail: p.idNumberTail,
    appointed_at: p.appointedAt,
    version: p.version,
    origin_node: p.originNode,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export async function insertPerson(db: Executor, p: PersonRow): Promise<void> {
  await db.insertInto('persons').values(fromPerson(p)).execute();
}

export async function updatePerson(db: Executor, p: PersonRow, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = fromPerson(p);
  const r = await db.updateTable('persons').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findPerson(db: Executor, id: string): Promise<PersonRow | undefined> {
  const r = await db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toPerson(r);
}

export async function findPersonByIdNumber(db: Executor, hash: string): Promise<PersonRow | undefined> {
  const r = await db.selectFrom('persons').selectAll().where('id_number_hash', '=', hash).executeTakeFirst();
  return r && toPerson(r);
}

/** A person without a recorded identity number, known at the enterprise by name. */
export async function findPersonByName(db: Executor, enterprise: string, name: string): Promise<PersonRow | undefined> {
  const r = await db.selectFrom('persons').selectAll().where('enterprise_id', '=', enterprise).where('name', '=', name).orderBy('created_at').executeTakeFirst();
  return r && toPerson(r);
}

export async function listPersons(db: Executor, f: { scope: ScopeFilter; region?: string; enterprise?: string; limit: number; offset: number }): Promise<PersonRow[]> {
  let q = applyScope(db.selectFrom('persons'), f.scope, 'persons.region_code', 'persons.enterprise_id');
  if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
  if (f.enterprise) q = q.where('enterprise_id', '=', f.enterprise);
  const rows = await q.selectAll().orderBy('name').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return rows.map(toPerson);
}

/** The principal persons serving at these enterprises now. */
export async function personsOfEnterprises(db: Executor, enterprises: readonly string[]): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  for (let i = 0; i < enterprises.length; i += 500) {
    out.push(...(await db.selectFrom('persons').selectAll().where('enterprise_id', 'in', enterprises.slice(i, i + 500)).execute()).map(toPerson));
  }
  return out;
}
