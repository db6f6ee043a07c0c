import { uuidv7 } from 'uuidv7';
import { requireAccess, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findDevice, findLiveDeviceByHash, insertDevice, listDevices, revokeDevice, touchDevice, type DeviceRow } from '../../store/repos/monitoring/devices.ts';
import { findSite } from '../../store/repos/sites.ts';
import { hashToken, randomToken } from '../auth/password.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';

/** Device tokens carry this prefix so the auth hook can route them to the device resolver. */
export const DEVICE_TOKEN_PREFIX = 'kd_';
/** last_used_at is written at most this often per device, not on every request. */
const TOUCH_EVERY_MS = 60_000;

function present(d: DeviceRow) {
  return {
    id: d.id,
    site: d.site_id,
    name: d.name,
    createdAt: Number(d.created_at),
    createdBy: d.created_by,
    revokedAt: d.revoked_at === null ? null : Number(d.revoked_at),
    expiresAt: d.expires_at == null ? null : Number(d.expires_at),
    lastUsedAt: d.last_used_at === null ? null : Number(d.last_used_at),
  };
}

/**
 * Device credentials (设备凭证), one per data logger or gateway of a site. The token is shown once and
 * stored only as a hash; a device acts as a principal that may post readings for its own site only.
 */
export function createDeviceService(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>, sites: SiteService) {
  const { db } = deps.store;
  const touched = new Map<string, number>();

  async function siteFor(actor: Principal, siteRef: string) {
    const site = await sites.visible(actor, siteRef);
    requireAccess(actor, 'monitoring.configure', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
    return site;
  }

  return {
    async create(actor: Principal, siteRef: string, name: string, expiresAt: number | null = null) {
      const site = await siteFor(actor, siteRef);
      const trimmed = name.trim();
      if (!trimmed) throw new Invalid('A device needs a name', [{ path: 'name', message: 'required' }]);
      const now = deps.now();
      if (expiresAt !== null && expiresAt <= now) throw new Invalid('The expiry must lie in the future', [{ path: 'expiresAt', message: 'in the past' }]);
      const token = DEVICE_TOKEN_PREFIX + randomToken();
      const row = { id: uuidv7(), site_id: site.id, name: trimmed, token_hash: hashToken(token), created_at: now, created_by: actor.name, revoked_at: null, last_used_at: null, expires_at: expiresAt };
      await db.transaction().execute(async (tx) => {
        await insertDevice(tx, row);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'device', entityId: row.id, op: 'create', changes: { site: site.id, name: trimmed, expiresAt }, originNode: deps.nodeId, at: now });
      });
      return { ...present(row), siteCode: site.code, token };
    },
    /** A new token for the device (shown once); the old one stops working at once. */
    async rotate(actor: Principal, siteRef: string, id: string, expiresAt: number | null = null) {
      const site = await siteFor(actor, siteRef);
      const d = await findDevice(db, id);
      if (!d || d.site_id !== site.id) throw new NotFound(`Device ${id} not found`);
      if (d.revoked_at !== null) throw new Conflict(`Device ${id} is revoked; issue a new credential`, undefined, 'already_revoked');
      const now = deps.now();
      if (expiresAt !== null && expiresAt <= now) throw new Invalid('The expiry must lie in the future', [{ path: 'expiresAt', message: 'in the past' }]);
      const token = DEVICE_TOKEN_PREFIX + randomToken();
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('devices').set({ token_hash: hashToken(token), expires_at: expiresAt }).where('id', '=', id).execute();
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'device', entityId: id, op: 'rotate', changes: { expiresAt }, originNode: deps.nodeId, at: now });
      });
      touched.delete(id);
      return { ...present({ ...d, expires_at: expiresAt }), siteCode: site.code, token };
    },
    async list(actor: Principal, siteRef: string) {
      const site = await siteFor(actor, siteRef);
      return (await listDevices(db, site.id)).map((d) => ({ ...present(d), siteCode: site.code }));
    },
    async revoke(actor: Principal, siteRef: string, id: string) {
      const site = await siteFor(actor, siteRef);
      const d = await findDevice(db, id);
      if (!d || d.site_id !== site.id) throw new NotFound(`Device ${id} not found`);
      if (d.revoked_at !== null) throw new Conflict(`Device ${id} is already revoked`, undefined, 'already_revoked');
      const now = deps.now();
      await db.transaction().execute(async (tx) => {
        await revokeDevice(tx, id, now);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'device', entityId: id, op: 'revoke', changes: { revokedAt: now }, originNode: deps.nodeId, at: now });
      });
      touched.delete(id);
      return { ...present({ ...d, revoked_at: now }), siteCode: site.code };
    },
    /** The principal behind a device token: bound to its site, allowed nothing but 'telemetry.write'. */
    async authenticate(token: string): Promise<Principal | null> {
      const d = await findLiveDeviceByHash(db, hashToken(token));
      if (!d) return null;
      if (d.expires_at != null && deps.now() >= Number(d.expires_at)) return null;
      const site = await findSite(db, d.site_id);
      if (!site) return null;
      const now = deps.now();
      if (now - (touched.get(d.id) ?? 0) >= TOUCH_EVERY_MS) {
        touched.set(d.id, now);
        await touchDevice(db, d.id, now);
      }
      // The role is nominal: policy.can() gives a device principal 'telemetry.write' and nothing else.
      return { kind: 'device', id: d.id, name: `device:${d.name}`, role: 'enterprise_staff', regionCode: site.region, enterpriseId: site.enterprise, siteId: site.id };
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
