import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { validateCreditCode } from '../../domain/registry/credit-code.ts';
import { appendChange, listChanges } from '../../store/repos/change-log.ts';
import {
  findEnterprise,
  findEnterpriseByCreditCode,
  insertEnterprise,
  listEnterprises,
  updateEnterprise,
  type Enterprise,
  type EnterpriseQuery,
} from '../../store/repos/enterprises.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { defined, diff } from './diff.ts';
import type { EnterpriseInput, EnterprisePatch } from './inputs.ts';

export function createEnterpriseService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'regions' | 'events'>) {
  const { db } = deps.store;

  function checkFields(e: { creditCode: string; region: string }) {
    const cc = validateCreditCode(e.creditCode);
    if (!cc.ok) throw new Invalid(`Invalid unified social credit code: ${cc.reason}`, [{ path: 'creditCode', message: cc.reason }]);
    if (!deps.regions.get(e.region)) throw new Invalid('Unknown region', [{ path: 'region', message: `${e.region} is not a known GB/T 2260 code` }]);
  }

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<Enterprise> {
    const e = await findEnterprise(ex, id);
    if (!e || !canSee(actor, { regionCode: e.region, enterpriseId: e.id })) throw new NotFound('Enterprise not found (企业不存在)');
    return e;
  }

  async function create(actor: Principal, input: EnterpriseInput): Promise<Enterprise> {
    requirePlacement(actor, 'enterprise.create', { regionCode: input.region, enterpriseId: null });
    checkFields(input);
    const now = deps.now();
    const e: Enterprise = {
      id: uuidv7(),
      name: input.name,
      creditCode: input.creditCode,
      region: input.region,
      address: input.address ?? null,
      principal: { name: input.principal?.name ?? null, phone: input.principal?.phone ?? null },
      safetyOfficer: { name: input.safetyOfficer?.name ?? null, phone: input.safetyOfficer?.phone ?? null },
      contacts: (input.contacts ?? []).map((c) => defined({ name: c.name, role: c.role ?? undefined, phone: c.phone ?? undefined }) as { name: string }),
      createdAt: now,
      updatedAt: now,
      version: 1,
      originNode: deps.nodeId,
    };
    await db.transaction().execute(async (tx) => {
      if (await findEnterpriseByCreditCode(tx, e.creditCode)) {
        throw new Conflict(`An enterprise with credit code ${e.creditCode} exists (统一社会信用代码重复)`, [{ path: 'creditCode', message: 'already registered' }]);
      }
      await insertEnterprise(tx, e);
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'enterprise', entityId: e.id, op: 'create', changes: e, originNode: deps.nodeId, at: now });
    });
    deps.events.publish('record.changed', { entity: 'enterprise', id: e.id, op: 'create', regionCode: e.region, enterpriseId: e.id });
    return e;
  }

  async function update(actor: Principal, id: string, patch: EnterprisePatch): Promise<Enterprise> {
    const before = await visible(actor, id);
    requireAccess(actor, 'enterprise.update', { regionCode: before.region, enterpriseId: before.id }, 'Enterprise');
    const { version, principal, safetyOfficer, contacts, ...rest } = patch;
    if (version !== before.version) throw new Conflict(`The enterprise was changed by someone else (version ${before.version}, yours ${version}); reload and retry (记录已被他人修改)`, { currentVersion: before.version });
    const after: Enterprise = {
      ...before,
      ...(defined(rest) as Partial<Enterprise>),
      principal: principal ? { name: principal.name ?? null, phone: principal.phone ?? null } : before.principal,
      safetyOfficer: safetyOfficer ? { name: safetyOfficer.name ?? null, phone: safetyOfficer.phone ?? null } : before.safetyOfficer,
      contacts: contacts ? contacts.map((c) => defined({ name: c.name, role: c.role ?? undefined, phone: c.phone ?? undefined }) as { name: string }) : before.contacts,
    };
    if (after.region !== before.region) requirePlacement(actor, 'enterprise.update', { regionCode: after.region, enterpriseId: null });
    checkFields(after);
    const changes = diff(before, after);
    if (Object.keys(changes).length === 0) return before;
    after.version = before.version + 1;
    after.updatedAt = deps.now();
    await db.transaction().execute(async (tx) => {
      if (changes.creditCode) {
        const other = await findEnterpriseByCreditCode(tx, after.creditCode);
        if (other && other.id !== id) throw new Conflict(`Credit code ${after.creditCode} belongs to another enterprise`, [{ path: 'creditCode', message: 'already registered' }]);
      }
      if (!(await updateEnterprise(tx, after, before.version))) throw new Conflict('The enterprise was changed by someone else; reload and retry (记录已被他人修改)');
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'enterprise', entityId: id, op: 'update', changes, originNode: deps.nodeId, at: after.updatedAt });
    });
    deps.events.publish('record.changed', { entity: 'enterprise', id, op: 'update', regionCode: after.region, enterpriseId: id });
    return after;
  }

  return {
    create,
    update,
    async get(actor: Principal, id: string) {
      requirePermission(actor, 'registry.read');
      return visible(actor, id);
    },
    async list(actor: Principal, q: Omit<EnterpriseQuery, 'scope'>) {
      requirePermission(actor, 'registry.read');
      return listEnterprises(db, { ...q, scope: scopeOf(actor) });
    },
    async history(actor: Principal, id: string, limit = 100, offset = 0) {
      requirePermission(actor, 'registry.read');
      await visible(actor, id);
      return (await listChanges(db, 'enterprise', id, limit, offset)).map(presentChange);
    },
  };
}

export function presentChange(r: { at: number; actor_id: string | null; actor_name: string | null; op: string; changes: string | null }) {
  return { at: Number(r.at), user: r.actor_name, userId: r.actor_id, op: r.op, changes: r.changes ? JSON.parse(r.changes) : null };
}

export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
