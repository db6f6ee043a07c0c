import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, unknownPlace, type Principal } from '../../domain/access/policy.ts';
import { chinaDate } from '../../domain/enforcement/dates.ts';
import { documentNumber } from '../../domain/enforcement/inspections.ts';
import { applyPenaltyAction, checkAmount, penaltyActions, PENALTY_KIND_LABELS, type LegalBasis, type PenaltyActionInput, type PenaltyKind, type PenaltyState } from '../../domain/enforcement/penalties.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { listActions } from '../../store/repos/enforcement/actions.ts';
import { findCase } from '../../store/repos/enforcement/cases.ts';
import { findFinding, findInspection, nextDocumentSeq } from '../../store/repos/enforcement/inspections.ts';
import { findPenalty, insertPenalty, listPenalties, updatePenalty, type PenaltyQuery } from '../../store/repos/enforcement/penalties.ts';
import { findPerson } from '../../store/repos/enforcement/persons.ts';
import type { PenaltiesTable } from '../../store/repos/enforcement/tables.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { audit, requireOwnedHere } from './audit.ts';

export interface PenaltyInput {
  enterprise: string;
  /** The principal person punished as well (主要负责人), by the persons register's id. */
  person?: string | null;
  inspection?: string | null;
  finding?: string | null;
  case?: string | null;
  kind: PenaltyKind;
  violation: string;
  basis: LegalBasis;
  amount?: number | null;
  reason?: string | null;
  document?: string | null;
}

export type PenaltyActionRequest = PenaltyActionInput & { document?: string | null };

export function presentPenalty(r: PenaltiesTable) {
  return {
    id: r.id,
    number: r.number,
    region: r.region_code,
    enterprise: r.enterprise_id,
    site: r.site_id,
    person: r.person_id,
    inspection: r.inspection_id,
    finding: r.finding_id,
    case: r.case_id,
    kind: r.kind,
    kindLabel: PENALTY_KIND_LABELS[r.kind as PenaltyKind]?.zh ?? r.kind,
    violation: r.violation,
    basis: { law: r.law, article: r.article },
    amount: r.amount,
    paidAmount: r.paid_amount,
    state: r.state,
    issuerRegion: r.issuer_region,
    decidedAt: r.decided_at,
    notifiedAt: r.notified_at,
    paidAt: r.paid_at,
    closedAt: r.closed_at,
    decidedBy: r.decided_by,
    actions: penaltyActions(r.state as PenaltyState),
    version: r.version,
    originNode: r.origin_node,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** When each state was reached, kept on the record for lists and documents. */
const STAMPS: Partial<Record<PenaltyState, 'notified_at' | 'paid_at' | 'closed_at'>> = { notified: 'notified_at', paid: 'paid_at', closed: 'closed_at' };

export function createPenaltyService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'regions'>) {
  const { db } = deps.store;

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<PenaltiesTable> {
    const r = await findPenalty(ex, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Penalty ${id} not found (处罚决定不存在)`);
    return r;
  }

  /** The links must name records of the same enterprise; a finding brings its inspection and site. */
  async function links(actor: Principal, input: PenaltyInput) {
    const e = await findEnterprise(db, input.enterprise);
    const named = { field: 'enterprise', id: input.enterprise } as const;
    if (!e) throw unknownPlace(named);
    requirePlacement(actor, 'case.manage', { regionCode: e.region, enterpriseId: e.id }, named);
    const bad = (path: string, message: string) => new Invalid('The penalty names a record of another enterprise or none', [{ path, message }]);
    let inspection = input.inspection ?? null;
    let site: string | null = null;
    if (input.finding) {
      const f = await findFinding(db, input.finding);
      if (!f || f.enterprise_id !== e.id) throw bad('finding', `no finding ${input.finding} of this enterprise`);
      if (inspection && inspection !== f.inspection_id) throw bad('finding', `belongs to inspection ${f.inspection_id}`);
      inspection = f.inspection_id;
    }
    if (inspection) {
      const i = await findInspection(db, inspection);
      if (!i || i.enterprise_id !== e.id) throw bad('inspection', `no inspection ${inspection} of this enterprise`);
      site = i.site_id;
    }
    if (input.case) {
      const c = await findCase(db, input.case);
      if (!c || (c.enterprise !== null && c.enterprise !== e.id)) throw bad('case', `no case ${input.case} of this enterprise`);
      site ??= c.site;
    }
    if (input.person) {
      const p = await findPerson(db, input.person);
      if (!p || p.enterprise !== e.id) throw bad('person', `no principal person ${input.person} of this enterprise`);
    }
    return { enterprise: e, inspection, site };
  }

  return {
    /** Decides a penalty and numbers its decision in the same transaction (no gap, no repeat). */
    async decide(actor: Principal, input: PenaltyInput) {
      requirePermission(actor, 'case.manage');
      const amount = checkAmount(input.kind, input.amount);
      const { enterprise, inspection, site } = await links(actor, input);
      const now = deps.now();
      const issuer = actor.regionCode ?? enterprise.region;
      const year = Number(chinaDate(now).slice(0, 4));
      const row = await db.transaction().execute(async (tx) => {
        const r: PenaltiesTable = {
          id: uuidv7(),
          region_code: enterprise.region,
          enterprise_id: enterprise.id,
          site_id: site,
          person_id: input.person ?? null,
          inspection_id: inspection,
          finding_id: input.finding ?? null,
          case_id: input.case ?? null,
          kind: input.kind,
          violation: input.violation,
          law: input.basis.law,
          article: input.basis.article,
          amount,
          paid_amount: null,
          state: 'decided',
          issuer_region: issuer,
          number: documentNumber('penalty', issuer, year, await nextDocumentSeq(tx, 'penalty', issuer, year)),
          decided_at: now,
          notified_at: null,
          paid_at: null,
          closed_at: null,
          decided_by: actor.name,
          version: 1,
          origin_node: deps.nodeId,
          created_at: now,
          updated_at: now,
        };
        await insertPenalty(tx, r);
        await audit(tx, actor, deps.nodeId, now, { entity: 'penalty', entityId: r.id, region: r.region_code, enterprise: r.enterprise_id, op: 'create', changes: presentPenalty(r), toState: 'decided', reason: input.reason ?? null, document: input.document ?? r.number });
        return r;
      });
      deps.events.publish('record.changed', { entity: 'penalty', id: row.id, op: 'create', regionCode: row.region_code, enterpriseId: row.enterprise_id });
      return presentPenalty(row);
    },

    async act(actor: Principal, id: string, req: PenaltyActionRequest) {
      const before = await visible(actor, id);
      requireAccess(actor, 'case.manage', { regionCode: before.region_code, enterpriseId: before.enterprise_id }, 'Penalty');
      requireOwnedHere('Penalty', id, before.origin_node, deps.nodeId);
      const now = deps.now();
      const { document, ...action } = req;
      const facts = applyPenaltyAction(
        { state: before.state as PenaltyState, kind: before.kind as PenaltyKind, violation: before.violation, basis: { law: before.law, article: before.article }, amount: before.amount, paidAmount: before.paid_amount },
        action,
      );
      const after: PenaltiesTable = {
        ...before,
        state: facts.state,
        violation: facts.violation,
        law: facts.basis.law,
        article: facts.basis.article,
        amount: facts.amount,
        paid_amount: facts.paidAmount,
        version: before.version + 1,
        updated_at: now,
      };
      const stamp = STAMPS[facts.state];
      if (stamp && facts.state !== before.state) after[stamp] = now;
      const { type, ...details } = action;
      await db.transaction().execute(async (tx) => {
        if (!(await updatePenalty(tx, after, before.version))) throw new Conflict('The penalty was changed by someone else; reload and retry (记录已被他人修改)');
        await audit(tx, actor, deps.nodeId, now, {
          entity: 'penalty',
          entityId: id,
          region: after.region_code,
          enterprise: after.enterprise_id,
          op: type,
          changes: type === 'correct' ? { before: { violation: before.violation, basis: { law: before.law, article: before.article }, amount: before.amount }, ...details } : { state: { from: before.state, to: after.state }, ...details },
          fromState: before.state,
          toState: after.state,
          reason: 'reason' in action ? (action.reason ?? null) : null,
          document: document ?? null,
          details,
        });
      });
      deps.events.publish('record.changed', { entity: 'penalty', id, op: type, regionCode: after.region_code, enterpriseId: after.enterprise_id });
      return presentPenalty(after);
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      const r = await visible(actor, id);
      return { ...presentPenalty(r), history: await listActions(db, 'penalty', id) };
    },

    async list(actor: Principal, q: Omit<PenaltyQuery, 'scope'>) {
      requirePermission(actor, 'enforcement.read');
      const r = await listPenalties(db, { ...q, scope: scopeOf(actor) });
      return { items: r.items.map(presentPenalty), total: r.total };
    },
  };
}

export type PenaltyService = ReturnType<typeof createPenaltyService>;
