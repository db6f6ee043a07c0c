import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { addDays, chinaDate } from '../../domain/enforcement/dates.ts';
import {
  applyLicenceAction,
  defaultExpiry,
  licenceActions,
  licenceStateAt,
  permitsProduction,
  renewalFrom,
  type LicenceActionInput,
  type LicenceStatus,
} from '../../domain/enforcement/licences.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { listActions } from '../../store/repos/enforcement/actions.ts';
import {
  findLicence,
  findLiveLicenceByNumber,
  insertLicence,
  licencesOfEnterprises,
  listLicences,
  updateLicence,
  type LicenceRow,
} from '../../store/repos/enforcement/licences.ts';
import { sitesOfRegion } from '../../store/repos/enforcement/sites.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { audit, requireOwnedHere } from './audit.ts';

export interface LicenceInput {
  enterprise: string;
  site?: string | null;
  number: string;
  issuedAt: string;
  expiresAt?: string;
  document?: string | null;
}

export type LicenceActionRequest = LicenceActionInput & { document?: string | null };

export function createLicenceService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>) {
  const { db } = deps.store;
  const today = () => chinaDate(deps.now());

  function present(l: LicenceRow, day = today()) {
    const { renewalFrom: from, ...rest } = l;
    return { ...rest, renewalFrom: from, state: licenceStateAt({ status: l.status as LicenceStatus, expiresAt: l.expiresAt }, day), actions: licenceActions({ status: l.status as LicenceStatus, expiresAt: l.expiresAt }, day) };
  }

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<LicenceRow> {
    const l = await findLicence(ex, id);
    if (!l || !canSee(actor, { regionCode: l.region, enterpriseId: l.enterprise })) throw new NotFound(`Licence ${id} not found (许可证不存在)`);
    return l;
  }

  async function create(actor: Principal, input: LicenceInput) {
    requirePermission(actor, 'licence.manage');
    const ent = await findEnterprise(db, input.enterprise);
    if (!ent || !canSee(actor, { regionCode: ent.region, enterpriseId: ent.id })) {
      throw new Invalid('Unknown enterprise', [{ path: 'enterprise', message: `no enterprise ${input.enterprise} in your scope` }]);
    }
    let siteId: string | null = null;
    let region = ent.region;
    if (input.site) {
      const s = await findSite(db, input.site);
      if (!s || s.enterprise !== ent.id) throw new Invalid('Unknown site', [{ path: 'site', message: `no site ${input.site} of enterprise ${ent.id}` }]);
      siteId = s.id;
      region = s.region;
    }
    requirePlacement(actor, 'licence.manage', { regionCode: region, enterpriseId: ent.id });
    const expiresAt = input.expiresAt ?? defaultExpiry(input.issuedAt);
    if (expiresAt <= input.issuedAt) throw new Invalid('A licence expires after it is issued', [{ path: 'expiresAt', message: `must be after ${input.issuedAt}` }]);
    const now = deps.now();
    const l: LicenceRow = {
      id: uuidv7(),
      region,
      enterprise: ent.id,
      site: siteId,
      number: input.number,
      issuedAt: input.issuedAt,
      expiresAt,
      renewalFrom: renewalFrom(expiresAt),
      status: 'valid',
      conditions: null,
      document: input.document ?? null,
      version: 1,
      originNode: deps.nodeId,
      createdAt: now,
      updatedAt: now,
    };
    await db.transaction().execute(async (tx) => {
      const other = await findLiveLicenceByNumber(tx, l.number);
      if (other) throw new Conflict(`Licence number ${l.number} is already held by a licence in force (编号重复)`, [{ path: 'number', message: 'already exists' }]);
      await insertLicence(tx, l);
      await audit(tx, actor, deps.nodeId, now, { entity: 'licence', entityId: l.id, region: l.region, enterprise: l.enterprise, op: 'create', changes: l, toState: 'valid', document: l.document });
    });
    deps.events.publish('record.changed', { entity: 'licence', id: l.id, op: 'create', regionCode: l.region, enterpriseId: l.enterprise });
    return present(l);
  }

  async function act(actor: Principal, id: string, action: LicenceActionRequest) {
    const before = await visible(actor, id);
    requireAccess(actor, 'licence.manage', { regionCode: before.region, enterpriseId: before.enterprise }, 'Licence');
    requireOwnedHere('Licence', id, before.originNode, deps.nodeId);
    const now = deps.now();
    const day = chinaDate(now);
    const fromState = licenceStateAt({ status: before.status as LicenceStatus, expiresAt: before.expiresAt }, day);
    const change = applyLicenceAction({ status: before.status as LicenceStatus, expiresAt: before.expiresAt, conditions: before.conditions }, action, day);
    const after: LicenceRow = { ...before, ...change, renewalFrom: renewalFrom(change.expiresAt), version: before.version + 1, updatedAt: now };
    const reason = 'reason' in action ? (action.reason ?? null) : null;
    await db.transaction().execute(async (tx) => {
      if (!(await updateLicence(tx, after, before.version))) throw new Conflict('The licence was changed by someone else; reload and retry (记录已被他人修改)');
      const toState = licenceStateAt({ status: after.status as LicenceStatus, expiresAt: after.expiresAt }, day);
      const details = action.type === 'suspend' ? { conditions: action.conditions } : action.type === 'renew' ? { expiresAt: { from: before.expiresAt, to: after.expiresAt } } : null;
      await audit(tx, actor, deps.nodeId, now, {
        entity: 'licence',
        entityId: id,
        region: after.region,
        enterprise: after.enterprise,
        op: action.type,
        changes: { status: { from: before.status, to: after.status }, expiresAt: { from: before.expiresAt, to: after.expiresAt }, conditions: { from: before.conditions, to: after.conditions } },
        fromState,
        toState,
        reason,
        document: action.document ?? null,
        details,
      });
    });
    deps.events.publish('record.changed', { entity: 'licence', id, op: action.type, regionCode: after.region, enterpriseId: after.enterprise });
    return present(after, day);
  }

  return {
    create,
    act,
    async get(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      return present(await visible(actor, id));
    },
    async list(actor: Principal, q: { region?: string; enterprise?: string; site?: string; state?: string; expiringWithinDays?: number; limit: number; offset: number }) {
      requirePermission(actor, 'enforcement.read');
      const day = today();
      const r = await listLicences(db, { ...q, scope: scopeOf(actor), today: day, expiringBy: q.expiringWithinDays === undefined ? undefined : addDays(day, q.expiringWithinDays) });
      return { items: r.items.map((l) => present(l, day)), total: r.total };
    },
    async history(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      const l = await visible(actor, id);
      return listActions(db, 'licence', l.id);
    },
    /** Producing sites whose enterprise (or the site itself) holds no licence in force today (无证生产). */
    async flags(actor: Principal, regionPrefix: string) {
      requirePermission(actor, 'enforcement.read');
      const day = today();
      const sites = await sitesOfRegion(db, scopeOf(actor), regionPrefix, { status: 'producing' });
      const licences = await licencesOfEnterprises(db, [...new Set(sites.map((s) => s.enterprise))]);
      const items = [];
      for (const s of sites) {
        const held = licences.filter((l) => l.enterprise === s.enterprise && (l.site === null || l.site === s.id)).map((l) => present(l, day));
        if (held.some((l) => permitsProduction(l.state))) continue;
        const latest = held.sort((a, b) => b.expiresAt.localeCompare(a.expiresAt))[0];
        items.push({
          site: s.id,
          siteCode: s.code,
          siteName: s.name,
          enterprise: s.enterprise,
          enterpriseName: s.enterpriseName,
          region: s.region,
          problem: latest ? `licence_${latest.state}` : 'no_licence',
          message: latest ? `生产中但安全生产许可证${latest.number}状态为${latest.state}` : '生产中但无安全生产许可证',
          licence: latest?.id ?? null,
        });
      }
      return { items, total: items.length };
    },
  };
}

export type LicenceService = ReturnType<typeof createLicenceService>;
