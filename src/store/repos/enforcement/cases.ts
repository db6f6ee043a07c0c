import type { Referral } from '../../../domain/enforcement/cases.ts';
import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { CasesTable } from './tables.ts';

export interface CaseRow {
  id: string;
  region: string;
  enterprise: string | null;
  site: string | null;
  kind: string;
  title: string;
  description: string | null;
  suspect: string | null;
  state: string;
  evidence: string[];
  referrals: Referral[];
  outcome: string | null;
  openedAt: number;
  closedAt: number | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

export function toCase(r: CasesTable): CaseRow {
  return {
    id: r.id,
    region: r.region_code,
    enterprise: r.enterprise_id,
    site: r.site_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    suspect: r.suspect,
    state: r.state,
    evidence: JSON.parse(r.evidence) as string[],
    referrals: JSON.parse(r.referrals) as Referral[],
    outcome: r.outcome,
    openedAt: Number(r.opened_at),
    closedAt: r.closed_at === null ? null : Number(r.closed_at),
    version: r.version,
    originNode: r.origin_node,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function fromCase(c: CaseRow): CasesTable {
  return {
    id: c.id,
    region_code: c.region,
    enterprise_id: c.enterprise,
    site_id: c.site,
    kind: c.kind,
    title: c.title,
    description: c.description,
    suspect: c.suspect,
    state: c.state,
    evidence: JSON.stringify(c.evidence),
    referrals: JSON.stringify(c.referrals),
    outcome: c.outcome,
    opened_at: c.openedAt,
    closed_at: c.closedAt,
    version: c.version,
    origin_node: c.originNode,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export async function insertCase(db: Executor, c: CaseRow): Promise<void> {
  await db.insertInto('cases').values(fromCase(c)).execute();
}

export async function updateCase(db: Executor, c: CaseRow, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = fromCase(c);
  const r = await db.updateTable('cases').set(rest).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  const r = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toCase(r);
}

export interface CaseQuery {
  scope: ScopeFilter;
  region?: string;
  enterprise?: string;
  site?: string;
  kind?: string;
  state?: string;
  limit: number;
  offset: number;
}

export async function listCases(db: Executor, f: CaseQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('cases'), f.scope, 'cases.region_code', 'cases.enterprise_id');
    if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
    if (f.enterprise) q = q.where('enterprise_id', '=', f.enterprise);
    if (f.site) q = q.where('site_id', '=', f.site);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.state) q = q.where('state', '=', f.state);
    return q;
  };
  const rows = await filtered().selectAll().orderBy('opened_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(toCase), total: Number(total.n) };
}

/** Cases about these enterprises opened since `since` (for supervision classes). */
export async function casesOfEnterprises(db: Executor, enterprises: readonly string[], since: number): Promise<CaseRow[]> {
  const out: CaseRow[] = [];
  for (let i = 0; i < enterprises.length; i += 500) {
    const rows = await db.selectFrom('cases').selectAll().where('enterprise_id', 'in', enterprises.slice(i, i + 500)).where('opened_at', '>=', since).execute();
    out.push(...rows.map(toCase));
  }
  return out;
}
