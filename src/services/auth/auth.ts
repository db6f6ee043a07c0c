import { uuidv7 } from 'uuidv7';
import type { Principal } from '../../domain/access/policy.ts';
import type { Role } from '../../domain/access/roles.ts';
import { RateLimited, Unauthorized } from '../../domain/errors.ts';
import { findUserByUsername } from '../../store/repos/users.ts';
import { findLiveSession, insertSession, revokeSession, touchSession } from '../../store/repos/sessions.ts';
import type { UsersTable } from '../../store/schema.ts';
import type { Deps } from '../context.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { DUMMY_HASH, hashToken, randomToken, verifyPassword } from './password.ts';

export const SESSION_TTL_MS = 12 * 3600_000;
/** User session tokens carry this prefix so the auth hook can tell them from node and device tokens. */
export const USER_TOKEN_PREFIX = 'ku_';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  region: string | null;
  enterprise: string | null;
  disabled: boolean;
  createdAt: number;
}

export function toPublicUser(u: UsersTable): PublicUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    region: u.region_code,
    enterprise: u.enterprise_id,
    disabled: u.disabled !== 0,
    createdAt: Number(u.created_at),
  };
}

export function principalOfUser(u: UsersTable): Principal {
  return {
    kind: 'user',
    id: u.id,
    name: u.display_name ?? u.username,
    role: u.role as Role,
    regionCode: u.region_code,
    enterpriseId: u.enterprise_id,
  };
}

export function createAuthService(deps: Pick<Deps, 'store' | 'now' | 'events'>) {
  const { db } = deps.store;
  const throttle = createLoginThrottle();
  const touched = new Map<string, number>();

  return {
    /** `ip` is the caller's address: repeated failures slow that address for that name, nobody else. */
    async login(username: string, password: string, ip: string): Promise<{ token: string; user: PublicUser; expiresAt: number }> {
      const now = deps.now();
      const gate = throttle.check(ip, username, now);
      if (!gate.allowed) {
        throw new RateLimited(`Too many failed logins from your address; try again in ${gate.retryAfterSec} s (登录失败次数过多，请稍后再试)`, gate.retryAfterSec);
      }
      const user = await findUserByUsername(db, username);
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled) {
        throttle.fail(ip, username, now);
        throw new Unauthorized('Wrong username or password (用户名或密码错误)', 'bad_credentials');
      }
      throttle.succeed(ip, username);
      const token = USER_TOKEN_PREFIX + randomToken();
      const expiresAt = now + SESSION_TTL_MS;
      await insertSession(db, { id: uuidv7(), tokenHash: hashToken(token), userId: user.id, now, expiresAt });
      return { token, user: toPublicUser(user), expiresAt };
    },

    /** The principal behind a user session token, or null when the token is unknown, expired or revoked. */
    async authenticate(token: string): Promise<{ principal: Principal; user: PublicUser } | null> {
      const now = deps.now();
      const row = await findLiveSession(db, hashToken(token), now);
      if (!row) return null;
      // Record use at most once a minute per session: reads should not each cost a write.
      const last = touched.get(row.session_id) ?? Number(row.last_used_at);
      if (now - last > 60_000) {
        touched.set(row.session_id, now);
        await touchSession(db, row.session_id, now);
      }
      return { principal: principalOfUser(row), user: toPublicUser(row) };
    },

    async logout(token: string): Promise<void> {
      const row = await findLiveSession(db, hashToken(token), deps.now());
      await revokeSession(db, hashToken(token), deps.now());
      if (row) deps.events.publish('sessions.ended', { userId: row.id });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
