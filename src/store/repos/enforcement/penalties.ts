import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { PenaltiesTable } from './tables.ts';

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** Numbers read back as numbers on both dialects (PostgreSQL returns bigint as text). */
function normalise(r: PenaltiesTable): PenaltiesTable {
  return {
    ...r,
    amount: num(r.amount),
    paid_amount: num(r.paid_amount),
    decided_at: Number(r.decided_at),
    notified_at: num(r.notified_at),
    paid_at: num(r.paid_at),
    closed_at: num(r.closed_at),
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
  };
}

export async function insertPenalty(db: Executor, r: PenaltiesTable): Promise<void> {
  await db.insertInto('penalties').values(r).execute();
}

export async function updatePenalty(db: Executor, r: PenaltiesTable, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = r;
  const u = await db.updateTable('penalties').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

export async function findPenalty(db: Executor, id: string): Promise<PenaltiesTable | undefined> {
  const r = await db.selectFrom('penalties').selectAll().where('id', '=', id).executeTakeFirst();
  return r && normalise(r);
}

/** The latest penalty decided in a case (for the case's decision document). */
export async function latestPenaltyOfCase(db: Executor, caseId: string): Promise<PenaltiesTable | undefined> {
  const r = await db.selectFrom('penalties').selectAll().where('case_id', '=', caseId).orderBy('decided_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return r && normalise(r);
}

export interface PenaltyQuery {
  scope: ScopeFilter;
  region?: string;
  enterprise?: string;
  person?: string;
  inspection?: string;
  case?: string;
  kind?: string;
  state?: string;
  year?: number;
  limit: number;
  offset: number;
}

export async function listPenalties(db: Executor, f: PenaltyQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('penalties'), f.scope, 'penalties.region_code', 'penalties.enterprise_id');
    if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
    if (f.enterprise) q = q.where('enterprise_id', '=', f.enterprise);
    if (f.person) q = q.where('person_id', '=', f.person);
    if (f.inspection) q = q.where('inspection_id', '=', f.inspection);
    if (f.case) q = q.where('case_id', '=', f.case);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.state) q = q.where('state', '=', f.state);
    return q;
  };
  const rows = await filtered().selectAll().orderBy('decided_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(normalise), total: Number(total.n) };
}
