import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { ComplianceFindingsTable } from './tables.ts';

/** Every finding this node's runs keep, with what a run compares: its identity and state (open and closed alike). */
export async function listFindingStates(db: Executor, originNode: string) {
  return db
    .selectFrom('compliance_findings')
    .select(['id', 'fingerprint', 'rule', 'state', 'message', 'evidence', 'region_code', 'enterprise_id', 'version'])
    .where('origin_node', '=', originNode)
    .execute();
}

const CHUNK = 50;

export async function insertFindings(db: Executor, rows: ComplianceFindingsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('compliance_findings').values(rows.slice(i, i + CHUNK)).execute();
}

export async function findFinding(db: Executor, id: string): Promise<ComplianceFindingsTable | undefined> {
  return db.selectFrom('compliance_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes a finding if it is still at `expectedVersion`; false when someone came first. */
export async function updateFinding(db: Executor, id: string, set: Partial<Omit<ComplianceFindingsTable, 'id' | 'fingerprint'>>, expectedVersion: number): Promise<boolean> {
  const r = await db.updateTable('compliance_findings').set(set).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Refreshes when a still-holding finding was last seen, for many at once. */
export async function touchFindings(db: Executor, ids: string[], at: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.updateTable('compliance_findings').set({ last_seen: at }).where('id', 'in', ids.slice(i, i + 500)).execute();
}

export interface FindingQuery {
  scope: ScopeFilter;
  region?: string;
  rule?: string;
  site?: string;
  state?: string;
  limit: number;
  offset: number;
}

export async function listFindings(db: Executor, f: FindingQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('compliance_findings'), f.scope, 'compliance_findings.region_code', 'compliance_findings.enterprise_id');
    if (f.region) q = q.where('compliance_findings.region_code', 'like', `${f.region}%`);
    if (f.rule) q = q.where('compliance_findings.rule', '=', f.rule);
    if (f.site) q = q.where('compliance_findings.site_id', '=', f.site);
    if (f.state) q = q.where('compliance_findings.state', '=', f.state);
    return q;
  };
  const items = await filtered()
    .leftJoin('sites', 'sites.id', 'compliance_findings.site_id')
    .selectAll('compliance_findings')
    .select(['sites.code as site_code', 'sites.name as site_name'])
    .orderBy('compliance_findings.first_seen', 'desc')
    .orderBy('compliance_findings.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await filtered()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

/** The findings with these ids that a scope may see, with their sites' codes and names. */
export async function listFindingsByIds(db: Executor, ids: string[], scope: ScopeFilter) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    const q = applyScope(db.selectFrom('compliance_findings'), scope, 'compliance_findings.region_code', 'compliance_findings.enterprise_id')
      .leftJoin('sites', 'sites.id', 'compliance_findings.site_id')
      .selectAll('compliance_findings')
      .select(['sites.code as site_code', 'sites.name as site_name'])
      .where('compliance_findings.id', 'in', ids.slice(i, i + 500));
    out.push(...(await q.execute()));
  }
  return out.sort((a, b) => a.rule.localeCompare(b.rule) || (a.site_code ?? '').localeCompare(b.site_code ?? '') || a.key.localeCompare(b.key));
}

/** Which of these findings a scope may see. */
export async function visibleFindingIds(db: Executor, ids: string[], scope: ScopeFilter): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await applyScope(db.selectFrom('compliance_findings'), scope, 'compliance_findings.region_code', 'compliance_findings.enterprise_id')
      .select('compliance_findings.id')
      .where('compliance_findings.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** How many findings a scope sees that a run at this instant found holding (each run sets last_seen). */
export async function countFindingsSeenAt(db: Executor, at: number, scope: ScopeFilter): Promise<number> {
  const r = await applyScope(db.selectFrom('compliance_findings'), scope, 'compliance_findings.region_code', 'compliance_findings.enterprise_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('compliance_findings.last_seen', '=', at)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** What a run at this instant did to the findings a scope sees, by its change-log operation (create, clear, reopen). */
export async function countRunChangesInScope(db: Executor, at: number, scope: ScopeFilter): Promise<Map<string, number>> {
  const rows = await applyScope(db.selectFrom('change_log').innerJoin('compliance_findings', 'compliance_findings.id', 'change_log.entity_id'), scope, 'compliance_findings.region_code', 'compliance_findings.enterprise_id')
    .select(['change_log.op', (eb) => eb.fn.countAll<number>().as('n')])
    .where('change_log.entity', '=', 'compliance_finding')
    .where('change_log.at', '=', at)
    .where('change_log.op', 'in', ['create', 'clear', 'reopen'])
    .groupBy('change_log.op')
    .execute();
  return new Map(rows.map((r) => [r.op, Number(r.n)]));
}

const OPEN_STATES = ['new', 'acknowledged'];

/** Open findings (new or acknowledged) about the sites of these enterprises: what marks them for supervision. */
export async function openFindingsOfEnterprises(db: Executor, enterprises: readonly string[]) {
  const out: { enterprise_id: string | null; site_id: string | null; rule: string }[] = [];
  for (let i = 0; i < enterprises.length; i += 500) {
    out.push(...(await db.selectFrom('compliance_findings').select(['enterprise_id', 'site_id', 'rule']).where('enterprise_id', 'in', enterprises.slice(i, i + 500)).where('site_id', 'is not', null).where('state', 'in', OPEN_STATES).orderBy('rule').execute()));
  }
  return out;
}

/** Open findings about these sites, by site. */
export async function openFindingsOfSites(db: Executor, sites: readonly string[]) {
  const out: { site_id: string | null; rule: string; message: string }[] = [];
  for (let i = 0; i < sites.length; i += 500) {
    out.push(...(await db.selectFrom('compliance_findings').select(['site_id', 'rule', 'message']).where('site_id', 'in', sites.slice(i, i + 500)).where('state', 'in', OPEN_STATES).orderBy('rule').execute()));
  }
  return out;
}
