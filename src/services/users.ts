import { uuidv7 } from 'uuidv7';
import { canSee, requireGrant, requirePermission, requirePerson, scopeOf, type Principal } from '../domain/access/policy.ts';
import { CREATABLE_ROLES, ENTERPRISE_ROLES, OFFICER_LEVEL, REGION_ROLES, type Role } from '../domain/access/roles.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../domain/errors.ts';
import { findEnterprise } from '../store/repos/enterprises.ts';
import { appendChange } from '../store/repos/change-log.ts';
import { revokeUserSessions } from '../store/repos/sessions.ts';
import { countUsers, findUserById, findUserByUsername, insertUser, listUsers, updateUser } from '../store/repos/users.ts';
import { hashPassword, passwordProblem, randomToken, verifyPassword } from './auth/password.ts';
import { toPublicUser, type PublicUser } from './auth/auth.ts';
import type { Deps } from './context.ts';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  region?: string;
  enterprise?: string;
  displayName?: string;
}

export function createUserService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'regions' | 'config' | 'events'>) {
  const { db } = deps.store;

  /** Where the new account is bound, checked against the role and the creator's own scope. */
  async function placement(actor: Principal | null, input: NewUser): Promise<{ region: string | null; enterprise: string | null; regionOfRecord: string | null }> {
    if (ENTERPRISE_ROLES.includes(input.role)) {
      if (!input.enterprise) throw new Invalid('An enterprise role needs an enterprise', [{ path: 'enterprise', message: 'required for role ' + input.role }]);
      const ent = await findEnterprise(db, input.enterprise);
      if (!ent || (actor && !canSee(actor, { regionCode: ent.region, enterpriseId: ent.id }))) {
        throw new Invalid('Unknown enterprise', [{ path: 'enterprise', message: `no enterprise ${input.enterprise} in your scope` }]);
      }
      return { region: null, enterprise: ent.id, regionOfRecord: ent.region };
    }
    if (input.enterprise) throw new Invalid('Only enterprise roles carry an enterprise', [{ path: 'enterprise', message: `not allowed for role ${input.role}` }]);
    if (input.role === 'admin') {
      if (input.region && !deps.regions.get(input.region)) throw new Invalid('Unknown region', [{ path: 'region', message: `${input.region} is not a known GB/T 2260 code` }]);
      return { region: input.region ?? null, enterprise: null, regionOfRecord: input.region ?? null };
    }
    const region = input.region ?? (input.role === 'expert' ? deps.config.region : undefined);
    if (!region) throw new Invalid('A regional role needs a region', [{ path: 'region', message: 'required for role ' + input.role }]);
    const r = deps.regions.get(region);
    if (!r) throw new Invalid('Unknown region', [{ path: 'region', message: `${region} is not a known GB/T 2260 code` }]);
    const want = OFFICER_LEVEL[input.role as keyof typeof OFFICER_LEVEL];
    if (want && r.level !== want) {
      throw new Invalid(`Role ${input.role} is bound to a ${want}-level region`, [{ path: 'region', message: `${region} is a ${r.level}` }]);
    }
    if (actor && !canSee(actor, { regionCode: region })) throw new Forbidden(`Region ${region} is outside your scope (超出管辖范围)`);
    return { region, enterprise: null, regionOfRecord: region };
  }

  async function create(actor: Principal | null, input: NewUser): Promise<PublicUser> {
    if (actor) {
      requirePermission(actor, 'user.create');
      if (!CREATABLE_ROLES[actor.role].includes(input.role)) {
        throw new Forbidden(`Role ${actor.role} may not create accounts with role ${input.role}`);
      }
    }
    const problem = passwordProblem(input.password);
    if (problem) throw new Invalid('Weak password', [{ path: 'password', message: problem }]);
    if (!REGION_ROLES.includes(input.role) && !ENTERPRISE_ROLES.includes(input.role) && input.role !== 'admin') {
      throw new Invalid('Unknown role', [{ path: 'role', message: input.role }]);
    }
    const place = await placement(actor, input);
    if (actor) requireGrant(actor, input.role, { regionCode: place.regionOfRecord, enterpriseId: place.enterprise });
    if (await findUserByUsername(db, input.username)) {
      throw new Conflict(`Username ${input.username} is taken (用户名已存在)`, [{ path: 'username', message: 'already exists' }]);
    }
    const now = deps.now();
    const row = {
      id: uuidv7(),
      username: input.username,
      password_hash: await hashPassword(input.password),
      display_name: input.displayName ?? null,
      role: input.role,
      region_code: place.region,
      enterprise_id: place.enterprise,
      disabled: 0,
      created_at: now,
      updated_at: now,
      origin_node: deps.nodeId,
    };
    await db.transaction().execute(async (tx) => {
      await insertUser(tx, row);
      await appendChange(tx, {
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? 'system',
        entity: 'user',
        entityId: row.id,
        op: 'create',
        changes: { username: row.username, role: row.role, region: row.region_code, enterprise: row.enterprise_id },
        originNode: deps.nodeId,
        at: now,
      });
    });
    return toPublicUser(row);
  }

  async function visibleUser(actor: Principal, id: string) {
    requirePermission(actor, 'user.read');
    const u = await findUserById(db, id);
    const regionOfRecord = u?.region_code ?? (u?.enterprise_id ? (await findEnterprise(db, u.enterprise_id))?.region : null) ?? '';
    if (!u || !(actor.role === 'admin' && !actor.regionCode) && !canSee(actor, { regionCode: regionOfRecord, enterpriseId: u.enterprise_id })) {
      throw new NotFound('User not found');
    }
    return u;
  }

  return {
    create,

    async list(actor: Principal, limit: number, offset: number) {
      requirePermission(actor, 'user.read');
      const r = await listUsers(db, scopeOf(actor), limit, offset);
      return { items: r.items.map(toPublicUser), total: r.total };
    },

    async get(actor: Principal, id: string) {
      return toPublicUser(await visibleUser(actor, id));
    },

    async setDisabled(actor: Principal, id: string, disabled: boolean) {
      requirePermission(actor, 'user.update');
      const u = await visibleUser(actor, id);
      if (u.id === actor.id) throw new Conflict('You cannot disable your own account');
      if (!CREATABLE_ROLES[actor.role].includes(u.role as Role)) throw new Forbidden(`Role ${actor.role} may not manage ${u.role} accounts`);
      const now = deps.now();
      await db.transaction().execute(async (tx) => {
        await updateUser(tx, id, { disabled: disabled ? 1 : 0, updated_at: now });
        if (disabled) await revokeUserSessions(tx, id, now);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'user', entityId: id, op: disabled ? 'disable' : 'enable', changes: null, originNode: deps.nodeId, at: now });
      });
      if (disabled) deps.events.publish('sessions.ended', { userId: id });
      return toPublicUser({ ...u, disabled: disabled ? 1 : 0, updated_at: now });
    },

    /** Sets a new password (self-service or by a manager) and ends every session of the account. */
    async setPassword(actor: Principal, id: string, password: string) {
      // A node or device token has no password: answering "ok" would pretend to change one.
      requirePerson(actor);
      if (actor.id !== id) {
        requirePermission(actor, 'user.update');
        const u = await visibleUser(actor, id);
        if (!CREATABLE_ROLES[actor.role].includes(u.role as Role)) throw new Forbidden(`Role ${actor.role} may not manage ${u.role} accounts`);
      }
      const problem = passwordProblem(password);
      if (problem) throw new Invalid('Weak password', [{ path: 'password', message: problem }]);
      const now = deps.now();
      const hash = await hashPassword(password);
      await db.transaction().execute(async (tx) => {
        await updateUser(tx, id, { password_hash: hash, updated_at: now });
        await revokeUserSessions(tx, id, now);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'user', entityId: id, op: 'password', changes: null, originNode: deps.nodeId, at: now });
      });
      deps.events.publish('sessions.ended', { userId: id });
    },

    /** A person changes their own password: the current one is asked for, so a stolen session alone cannot take the account. */
    async changeOwnPassword(actor: Principal, current: string, password: string) {
      requirePerson(actor);
      const u = await findUserById(db, actor.id);
      if (!u || !(await verifyPassword(current, u.password_hash))) {
        throw new Invalid('The current password is wrong (当前密码不正确)', [{ path: 'currentPassword', message: 'does not match' }], 'wrong_password');
      }
      await this.setPassword(actor, actor.id, password);
    },

    /**
     * The first start creates `admin`: with the configured password, or a random one that is
     * returned so the caller prints it once.
     */
    async ensureFirstAdmin(password?: string): Promise<{ created: boolean; generatedPassword?: string }> {
      if ((await countUsers(db)) > 0) return { created: false };
      const generated = password ? undefined : `Ka${randomToken(12)}9`;
      await create(null, { username: 'admin', password: password ?? generated!, role: 'admin', displayName: '系统管理员' });
      return { created: true, generatedPassword: generated };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
