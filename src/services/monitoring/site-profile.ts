import { requireAccess, type Principal } from '../../domain/access/policy.ts';
import { Invalid } from '../../domain/errors.ts';
import { REQUIRED_ITEMS_SOURCE, isPondStorage, requiredItems, type PondStorage } from '../../domain/monitoring/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findSiteProfile, listSiteProfiles, putSiteProfile } from '../../store/repos/monitoring/site-profiles.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';

interface ProfiledSite {
  id: string;
  kind: string;
  grade: number | null;
}

/** The items a site must have working, from its kind, grade and wet or dry storage. */
export function requiredFor(site: ProfiledSite, storage: PondStorage | null): string[] {
  return requiredItems({ kind: site.kind, storage, grade: site.grade });
}

/** Storage of every pond that has a profile, by site id (one query). */
export async function storageBySite(db: Executor): Promise<Map<string, PondStorage>> {
  return new Map((await listSiteProfiles(db)).filter((p) => isPondStorage(p.storage)).map((p) => [p.site_id, p.storage as PondStorage]));
}

export async function storageOf(db: Executor, siteId: string): Promise<PondStorage | null> {
  const p = await findSiteProfile(db, siteId);
  return p && isPondStorage(p.storage) ? p.storage : null;
}

/** A pond's monitoring profile (湿式/干式) and the required items it gives, with their source. */
export function createSiteProfileService(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>, sites: SiteService) {
  const { db } = deps.store;

  function present(site: ProfiledSite & { code: string }, storage: PondStorage | null) {
    return { site: site.code, kind: site.kind, grade: site.grade, storage, requiredItems: requiredFor(site, storage), source: REQUIRED_ITEMS_SOURCE };
  }

  return {
    async get(actor: Principal, siteRef: string) {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      return present(site, await storageOf(db, site.id));
    },
    async set(actor: Principal, siteRef: string, storage: PondStorage) {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.configure', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      if (site.kind !== 'tailings_pond') throw new Invalid('Only a tailings pond stores tailings wet or dry (仅尾矿库可设置湿式/干式)', [{ path: 'storage', message: `not for ${site.kind}` }]);
      const now = deps.now();
      await db.transaction().execute(async (tx) => {
        const before = await storageOf(tx, site.id);
        await putSiteProfile(tx, { site_id: site.id, storage, updated_at: now, updated_by: actor.name });
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'monitoring_profile', entityId: site.id, op: 'update', changes: { storage: { from: before, to: storage } }, originNode: deps.nodeId, at: now });
      });
      return present(site, storage);
    },
  };
}

export type SiteProfileService = ReturnType<typeof createSiteProfileService>;
