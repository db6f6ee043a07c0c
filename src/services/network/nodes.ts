import { uuidv7 } from 'uuidv7';
import { requireAccess, requirePermission, requirePlacement, unknownPlace, type Placed, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { isWithin, regionLevel } from '../../domain/regions/regions.ts';
import type { NodeLevel } from '../../config.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { findNode, findNodeByTokenHash, insertNode, updateNode, type NodeRow } from '../../store/repos/network/nodes.ts';
import { insertDirective } from '../../store/repos/network/directives.ts';
import { hashToken, randomToken } from '../auth/password.ts';
import type { Deps } from '../context.ts';
import { bootstrapRecords } from './bootstrap.ts';

export const NODE_TOKEN_PREFIX = 'kn_';
const RANK: Record<NodeLevel, number> = { province: 0, city: 1, county: 2, enterprise: 3 };

export interface RegisterInput {
  level: NodeLevel;
  region?: string;
  enterprise?: string;
  name?: string;
  /** After this instant (epoch ms) the token stops working; none: until revoked. */
  expiresAt?: number | null;
}

/** Where a node sits in the hierarchy: who may manage it and see its health. */
export const placeOfNode = (n: NodeRow): Placed => ({ regionCode: n.region_code, enterpriseId: n.enterprise_id });

/** The principal a child node acts with: bound to its region, or to its enterprise. */
export function nodePrincipal(n: NodeRow): Principal {
  return {
    kind: 'node',
    id: n.id,
    name: n.name,
    // Read-only roles: a node token is for /sync, not for acting as a person through the API.
    role: n.enterprise_id ? 'enterprise_staff' : 'expert',
    regionCode: n.region_code,
    enterpriseId: n.enterprise_id,
  };
}

export function createNodeRegistry(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'config' | 'regions'>) {
  const { db } = deps.store;

  async function placement(actor: Principal, input: RegisterInput): Promise<{ region: string; enterprise: string | null; name: string }> {
    if (RANK[input.level] <= RANK[deps.config.level]) {
      throw new Invalid(`A ${deps.config.level} node registers nodes below it, not a ${input.level} node`, [{ path: 'level', message: 'must be below this node' }]);
    }
    if (input.level === 'enterprise') {
      if (!input.enterprise) throw new Invalid('An enterprise node names its enterprise', [{ path: 'enterprise', message: 'required' }]);
      const e = await findEnterprise(db, input.enterprise);
      const named = { field: 'enterprise', id: input.enterprise } as const;
      if (!e || !isWithin(deps.config.region, e.region)) throw unknownPlace(named);
      requirePlacement(actor, 'network.manage', { regionCode: e.region, enterpriseId: e.id }, named);
      return { region: e.region, enterprise: e.id, name: input.name ?? e.name };
    }
    const region = input.region;
    if (!region) throw new Invalid(`A ${input.level} node names its region`, [{ path: 'region', message: 'required' }]);
    const known = deps.regions.get(region);
    if (!known) throw new Invalid('Unknown region', [{ path: 'region', message: `${region} is not a known GB/T 2260 code` }]);
    if (regionLevel(region) !== input.level) throw new Invalid(`${region} (${known.name}) is a ${regionLevel(region)}, not a ${input.level}`, [{ path: 'region', message: 'level mismatch' }]);
    if (!isWithin(deps.config.region, region)) throw new Invalid(`${region} is outside this node's region ${deps.config.region}`, [{ path: 'region', message: 'outside' }]);
    return { region, enterprise: null, name: input.name ?? known.name };
  }

  return {
    /** A parent's administrator registers a child and receives the token the child starts with (once). */
    async register(actor: Principal, input: RegisterInput) {
      requirePermission(actor, 'network.manage');
      const p = await placement(actor, input);
      requirePlacement(actor, 'network.manage', { regionCode: p.region, enterpriseId: p.enterprise });
      const token = NODE_TOKEN_PREFIX + randomToken();
      const now = deps.now();
      const expiresAt = input.expiresAt ?? null;
      if (expiresAt !== null && expiresAt <= now) throw new Invalid('The expiry must lie in the future', [{ path: 'expiresAt', message: 'in the past' }]);
      const id = uuidv7();
      await db.transaction().execute(async (tx) => {
        await insertNode(tx, {
          id,
          token_hash: hashToken(token),
          level: input.level,
          region_code: p.region,
          enterprise_id: p.enterprise,
          name: p.name,
          remote_id: null,
          created_at: now,
          created_by: actor.name,
          revoked_at: null,
          token_expires_at: expiresAt,
          first_seen: null,
          last_seen: null,
          online: 0,
          backlog: 0,
          backlog_age_sec: 0,
          sensors_online: null,
          version: 1,
          origin_node: deps.nodeId,
        });
        // What the child needs to start work at once: its enterprise, or its region's enterprises and sites.
        const records = await bootstrapRecords(tx, { region: p.region, enterprise: p.enterprise });
        await insertDirective(tx, { id: uuidv7(), node_id: id, kind: 'bootstrap', payload: JSON.stringify({ records }), created_at: now, created_by: actor.name, acked_at: null });
      });
      return { id, token, level: input.level, region: p.region, enterprise: p.enterprise, name: p.name, expiresAt };
    },

    /** A new token for a child (shown once; the child is restarted with it); the old one stops working at once. */
    async rotate(actor: Principal, id: string, expiresAt: number | null = null) {
      requirePermission(actor, 'network.manage');
      const n = await findNode(db, id);
      if (!n || !n.token_hash) throw new NotFound('Node not found (节点不存在)');
      requireAccess(actor, 'network.manage', placeOfNode(n), 'Node');
      if (n.revoked_at) throw new Conflict('The node token is revoked; register the node again');
      if (expiresAt !== null && expiresAt <= deps.now()) throw new Invalid('The expiry must lie in the future', [{ path: 'expiresAt', message: 'in the past' }]);
      const token = NODE_TOKEN_PREFIX + randomToken();
      await updateNode(db, id, { token_hash: hashToken(token), token_expires_at: expiresAt });
      return { id, token, expiresAt };
    },

    async revoke(actor: Principal, id: string) {
      requirePermission(actor, 'network.manage');
      const n = await findNode(db, id);
      if (!n || !n.token_hash) throw new NotFound('Node not found (节点不存在)');
      requireAccess(actor, 'network.manage', placeOfNode(n), 'Node');
      if (n.revoked_at) throw new Conflict('The node token is already revoked');
      await updateNode(db, id, { revoked_at: deps.now() });
      return { ok: true as const };
    },

    /** Resolves a `kn_` bearer token to the child's principal; revoked tokens resolve to nothing. */
    async authenticate(token: string): Promise<Principal | null> {
      const n = await findNodeByTokenHash(db, hashToken(token));
      if (!n || n.revoked_at) return null;
      if (n.token_expires_at != null && deps.now() >= Number(n.token_expires_at)) return null;
      return nodePrincipal(n);
    },
  };
}
