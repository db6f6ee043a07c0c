import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, unknownPlace, type Principal } from '../../domain/access/policy.ts';
import { applyCaseAction, caseActions, pendingReferrals, type CaseActionInput, type CaseKind, type CaseState } from '../../domain/enforcement/cases.ts';
import { chinaDate } from '../../domain/enforcement/dates.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import { findCase, insertCase, listCases, updateCase, type CaseRow } from '../../store/repos/enforcement/cases.ts';
import { listActions } from '../../store/repos/enforcement/actions.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { findFile } from '../../store/repos/files.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { audit, requireOwnedHere } from './audit.ts';

export interface CaseInput {
  kind: CaseKind;
  title: string;
  region?: string;
  enterprise?: string | null;
  site?: string | null;
  description?: string | null;
  suspect?: string | null;
  evidence?: string[];
}

/** What the caller sends for an action; the referral's id is made here. */
export type CaseActionRequest = (Exclude<CaseActionInput, { type: 'refer' }> | Omit<Extract<CaseActionInput, { type: 'refer' }>, 'referralId'>) & { document?: string | null };

export function createCaseService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'regions'>) {
  const { db } = deps.store;

  /** Investigations are the supervisors' business: enterprise accounts do not see them. */
  function requireSupervisor(actor: Principal) {
    requirePermission(actor, 'enforcement.read');
    if (actor.enterpriseId) throw new Forbidden('Illegal-activity cases are not shown to enterprise accounts (案件信息仅限监管人员)');
  }

  function present(c: CaseRow) {
    return { ...c, pendingReferrals: pendingReferrals(c, chinaDate(deps.now())), actions: caseActions(c.state as CaseState) };
  }

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<CaseRow> {
    const c = await findCase(ex, id);
    if (!c || !canSee(actor, { regionCode: c.region, enterpriseId: c.enterprise })) throw new NotFound(`Case ${id} not found (案件不存在)`);
    return c;
  }

  async function checkFiles(ex: Executor, files: readonly string[], path: string) {
    for (const [i, f] of files.entries()) {
      if (!(await findFile(ex, f))) throw new Invalid('Unknown evidence file', [{ path: `${path}.${i}`, message: `no file ${f}; upload it first (POST /api/v1/files)` }]);
    }
  }

  /** Where the case sits: the site's county, else the enterprise's, else the region given. */
  async function placement(actor: Principal, input: CaseInput) {
    let enterprise = input.enterprise ?? null;
    let region = input.region ?? null;
    let site: string | null = null;
    if (input.site) {
      const s = await findSite(db, input.site);
      const named = { field: 'site', id: input.site } as const;
      if (!s) throw unknownPlace(named);
      requirePlacement(actor, 'case.manage', { regionCode: s.region, enterpriseId: s.enterprise }, named);
      if (enterprise && s.enterprise !== enterprise) throw new Invalid('The site belongs to another enterprise', [{ path: 'site', message: `belongs to ${s.enterprise}` }]);
      site = s.id;
      enterprise = s.enterprise;
      region = s.region;
    } else if (enterprise) {
      const e = await findEnterprise(db, enterprise);
      const named = { field: 'enterprise', id: enterprise } as const;
      if (!e) throw unknownPlace(named);
      requirePlacement(actor, 'case.manage', { regionCode: e.region, enterpriseId: e.id }, named);
      region = e.region;
    }
    // An unlicensed pit may belong to no registered enterprise: the region where it was found is enough.
    if (!region || !deps.regions.get(region)) throw new Invalid('Say where: a site, an enterprise or a region', [{ path: 'region', message: region ? `${region} is not a known GB/T 2260 code` : 'required without site or enterprise' }]);
    return { region, enterprise, site };
  }

  return {
    async open(actor: Principal, input: CaseInput) {
      requireSupervisor(actor);
      requirePermission(actor, 'case.manage');
      const where = await placement(actor, input);
      requirePlacement(actor, 'case.manage', { regionCode: where.region, enterpriseId: where.enterprise });
      const now = deps.now();
      const c: CaseRow = {
        id: uuidv7(),
        ...where,
        kind: input.kind,
        title: input.title,
        description: input.description ?? null,
        suspect: input.suspect ?? null,
        state: 'opened',
        evidence: [...new Set(input.evidence ?? [])],
        referrals: [],
        outcome: null,
        openedAt: now,
        closedAt: null,
        version: 1,
        originNode: deps.nodeId,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction().execute(async (tx) => {
        await checkFiles(tx, c.evidence, 'evidence');
        await insertCase(tx, c);
        await audit(tx, actor, deps.nodeId, now, { entity: 'case', entityId: c.id, region: c.region, enterprise: c.enterprise, op: 'create', changes: c, toState: 'opened' });
      });
      deps.events.publish('record.changed', { entity: 'case', id: c.id, op: 'create', regionCode: c.region, enterpriseId: c.enterprise });
      return present(c);
    },

    async act(actor: Principal, id: string, req: CaseActionRequest) {
      requireSupervisor(actor);
      const before = await visible(actor, id);
      requireAccess(actor, 'case.manage', { regionCode: before.region, enterpriseId: before.enterprise }, 'Case');
      requireOwnedHere('Case', id, before.originNode, deps.nodeId);
      const now = deps.now();
      const action = (req.type === 'refer' ? { ...req, referralId: uuidv7() } : req) as CaseActionInput;
      const facts = applyCaseAction({ state: before.state as CaseState, evidence: before.evidence, referrals: before.referrals, outcome: before.outcome, closedAt: before.closedAt }, action, now);
      const after: CaseRow = { ...before, ...facts, version: before.version + 1, updatedAt: now };
      const { document, type, ...details } = req;
      await db.transaction().execute(async (tx) => {
        if (req.type === 'evidence') await checkFiles(tx, req.files, 'files');
        if (!(await updateCase(tx, after, before.version))) throw new Conflict('The case was changed by someone else; reload and retry (记录已被他人修改)');
        await audit(tx, actor, deps.nodeId, now, {
          entity: 'case',
          entityId: id,
          region: after.region,
          enterprise: after.enterprise,
          op: type,
          changes: { state: { from: before.state, to: after.state }, ...details },
          fromState: before.state,
          toState: after.state,
          reason: 'reason' in req ? (req.reason ?? null) : null,
          document: document ?? null,
          details,
        });
      });
      deps.events.publish('record.changed', { entity: 'case', id, op: type, regionCode: after.region, enterpriseId: after.enterprise });
      return present(after);
    },

    async get(actor: Principal, id: string) {
      requireSupervisor(actor);
      const c = await visible(actor, id);
      return { ...present(c), history: await listActions(db, 'case', c.id) };
    },

    async list(actor: Principal, q: { region?: string; enterprise?: string; site?: string; kind?: string; state?: string; limit: number; offset: number }) {
      requireSupervisor(actor);
      const r = await listCases(db, { ...q, scope: scopeOf(actor) });
      return { items: r.items.map(present), total: r.total };
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
