import { uuidv7 } from 'uuidv7';
import { scopeOf, type Principal } from '../../domain/access/policy.ts';
import { evaluateAll, fingerprint } from '../../domain/compliance/catalogue.ts';
import type { Candidate } from '../../domain/compliance/define.ts';
import { onRun, transition, type FindingState } from '../../domain/compliance/findings.ts';
import type { Tx } from '../../store/db.ts';
import { appendChanges, type ChangeInput } from '../../store/repos/change-log.ts';
import { insertFindings, listFindingsByIds, listFindingStates, touchFindings, updateFinding, visibleFindingIds } from '../../store/repos/compliance/findings.ts';
import { insertRun } from '../../store/repos/compliance/runs.ts';
import type { ComplianceFindingsTable } from '../../store/repos/compliance/tables.ts';
import type { Deps } from '../context.ts';
import { chinaDate, loadContext } from './context.ts';
import { presentFinding, type FindingView } from './present.ts';

export interface RunSummary {
  id: string;
  today: string;
  added: number;
  resolved: number;
  reopened: number;
  open: number;
  failed: { rule: string; error: string }[];
}

/** The findings a run touched, by what it did to them: what a caller's counts are taken from. */
export interface RunFindings {
  added: string[];
  resolved: string[];
  reopened: string[];
  holding: string[];
}

type Stored = Awaited<ReturnType<typeof listFindingStates>>[number];

/**
 * One evaluation of every rule, kept as findings: a condition seen for the first time is a new
 * finding; one seen before keeps its finding (same rule, site and key); a resolved one that is back is
 * reopened; one whose condition ended is resolved. Runs go one at a time.
 */
export function createRunner(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>) {
  const { db } = deps.store;
  let queue: Promise<unknown> = Promise.resolve();

  /** The run's audit entries, written in one batch at the end of its transaction. */
  type Log = ChangeInput[];
  function change(log: Log, actor: Principal | null, id: string, op: string, changes: unknown, at: number) {
    log.push({ actorId: actor?.id ?? null, actorName: actor?.name ?? 'compliance run', entity: 'compliance_finding', entityId: id, op, changes, originNode: deps.nodeId, at });
  }

  async function insertNew(tx: Tx, log: Log, actor: Principal | null, fresh: Candidate[], at: number) {
    const rows: ComplianceFindingsTable[] = fresh.map((c) => ({
      id: uuidv7(),
      fingerprint: fingerprint(c),
      rule: c.rule,
      site_id: c.site,
      region_code: c.region,
      enterprise_id: c.enterprise,
      key: c.key,
      message: c.message,
      evidence: JSON.stringify(c.evidence),
      state: 'new',
      reason: null,
      first_seen: at,
      last_seen: at,
      resolved_at: null,
      updated_at: at,
      updated_by: actor?.id ?? null,
      version: 1,
      origin_node: deps.nodeId,
    }));
    await insertFindings(tx, rows);
    for (const r of rows) change(log, actor, r.id, 'create', { rule: r.rule, site: r.site_id, key: r.key, message: r.message, state: r.state }, at);
    return rows.map((r) => r.id);
  }

  /** A finding seen again: reopened if it was resolved, its text and evidence refreshed if they moved. */
  async function keep(tx: Tx, log: Log, actor: Principal | null, s: Stored, c: Candidate, at: number): Promise<'reopened' | 'updated' | 'same'> {
    const event = onRun(s.state as FindingState, true);
    const evidence = JSON.stringify(c.evidence);
    const moved = s.message !== c.message || s.evidence !== evidence || s.region_code !== c.region || s.enterprise_id !== c.enterprise;
    if (!event && !moved) return 'same';
    const state = event ? transition(s.state as FindingState, event) : (s.state as FindingState);
    const set = { message: c.message, evidence, region_code: c.region, enterprise_id: c.enterprise, state, last_seen: at, updated_at: at, version: s.version + 1, ...(event ? { resolved_at: null, reason: null } : {}) };
    if (!(await updateFinding(tx, s.id, set, s.version))) throw new Error(`finding ${s.id} changed during the run`);
    change(log, actor, s.id, event ?? 'refresh', { state: event ? { from: s.state, to: state } : undefined, message: s.message !== c.message ? c.message : undefined, evidence: s.evidence !== evidence ? c.evidence : undefined }, at);
    return event ? 'reopened' : 'updated';
  }

  async function clear(tx: Tx, log: Log, actor: Principal | null, s: Stored, at: number) {
    const state = transition(s.state as FindingState, 'clear');
    if (!(await updateFinding(tx, s.id, { state, resolved_at: at, updated_at: at, version: s.version + 1 }, s.version))) throw new Error(`finding ${s.id} changed during the run`);
    change(log, actor, s.id, 'clear', { state: { from: s.state, to: state }, why: 'condition no longer holds (条件已消除)' }, at);
  }

  async function runNow(actor: Principal | null, trigger: 'schedule' | 'manual'): Promise<{ summary: RunSummary; ids: RunFindings }> {
    const started = deps.now();
    const today = chinaDate(started);
    return db.transaction().execute(async (tx) => {
      const ctx = await loadContext(tx, today);
      const { candidates, failed } = evaluateAll(ctx);
      const failedRules = new Set(failed.map((f) => f.rule));
      const stored = new Map((await listFindingStates(tx, deps.nodeId)).map((s) => [s.fingerprint, s]));
      const seen = new Set<string>();
      const log: Log = [];
      const fresh: Candidate[] = [];
      const holding: string[] = [];
      const touched: string[] = [];
      const reopened: string[] = [];
      const resolved: string[] = [];
      for (const c of candidates) {
        const fp = fingerprint(c);
        if (seen.has(fp)) continue;
        seen.add(fp);
        const s = stored.get(fp);
        if (!s) {
          fresh.push(c);
          continue;
        }
        holding.push(s.id);
        const r = await keep(tx, log, actor, s, c, started);
        if (r === 'reopened') reopened.push(s.id);
        if (r === 'same') touched.push(s.id);
      }
      for (const s of stored.values()) {
        if (seen.has(s.fingerprint) || failedRules.has(s.rule) || onRun(s.state as FindingState, false) !== 'clear') continue;
        await clear(tx, log, actor, s, started);
        resolved.push(s.id);
      }
      await touchFindings(tx, touched, started);
      const added = await insertNew(tx, log, actor, fresh, started);
      holding.push(...added);
      await appendChanges(tx, log);
      const summary: RunSummary = { id: uuidv7(), today, added: added.length, resolved: resolved.length, reopened: reopened.length, open: holding.length, failed };
      await insertRun(tx, { id: summary.id, trigger, actor_id: actor?.id ?? null, started_at: started, finished_at: deps.now(), today, added: summary.added, resolved: summary.resolved, reopened: summary.reopened, open: summary.open, failed: failed.length ? JSON.stringify(failed) : null });
      return { summary, ids: { added, resolved, reopened, holding } };
    });
  }

  return {
    /** Evaluates every rule now and keeps the findings; concurrent calls wait their turn. */
    run(actor: Principal | null, trigger: 'schedule' | 'manual') {
      const next = queue.then(() => runNow(actor, trigger));
      queue = next.catch(() => undefined);
      return next;
    },
    /** A run's counts over the findings the actor may see. */
    async summaryFor(actor: Principal, summary: RunSummary, ids: RunFindings): Promise<RunSummary> {
      const scope = scopeOf(actor);
      if (scope.all) return summary;
      const seen = await visibleFindingIds(db, [...ids.holding, ...ids.resolved], scope);
      const count = (list: string[]) => list.filter((id) => seen.has(id)).length;
      return { ...summary, added: count(ids.added), resolved: count(ids.resolved), reopened: count(ids.reopened), open: count(ids.holding) };
    },
    /** The findings a run found holding, those the actor may see. */
    async holdingFor(actor: Principal, ids: string[]): Promise<FindingView[]> {
      return (await listFindingsByIds(db, ids, scopeOf(actor))).map(presentFinding);
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;
