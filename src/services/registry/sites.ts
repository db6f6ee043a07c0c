import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Forbidden, Invalid, NotFound, type FieldProblem } from '../../domain/errors.ts';
import { gradePond, type PondGrade, type PondGrading } from '../../domain/registry/pond-grade.ts';
import { appendChange, listChanges } from '../../store/repos/change-log.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { findSite, findSiteByCode, insertSite, listSites, updateSite, type Site, type SiteQuery } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { defined, diff } from './diff.ts';
import { PLACEMENT_FIELDS, POND_FIELDS, type SiteInput, type SitePatch } from './inputs.ts';
import { presentChange } from './enterprises.ts';

export type SiteView = Site & { gradeDerivation: PondGrade | null; grading: PondGrading | null };

const gradingOf = (s: Site): PondGrading | null => (s.kind === 'tailings_pond' ? gradePond(s) : null);

/**
 * The site as shown: with how its grade was derived (tailings ponds only) — the current grade from
 * today's storage and dam height (`gradeDerivation`, provisional when one figure is unknown), and
 * beside it the design grade, a review's raising with its reason, or why it has none.
 */
export function present(s: Site): SiteView {
  const grading = gradingOf(s);
  return { ...s, gradeDerivation: grading?.current ?? null, grading };
}

export function createSiteService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'regions' | 'events'>) {
  const { db } = deps.store;

  async function validate(ex: Executor, actor: Principal, s: Site): Promise<void> {
    const problems: FieldProblem[] = [];
    const region = deps.regions.get(s.region);
    if (!region) problems.push({ path: 'region', message: `${s.region} is not a known GB/T 2260 code` });
    else if (region.level !== 'county') problems.push({ path: 'region', message: `${s.region} (${region.name}) is a ${region.level}; a site lies in a county-level division` });
    if (s.kind !== 'tailings_pond') {
      for (const f of POND_FIELDS) {
        if (s[f] !== null && s[f] !== undefined) problems.push({ path: f, message: `only for tailings ponds, not ${s.kind}` });
      }
    }
    if (s.designCapacity !== null && s.actualCapacity !== null && s.actualCapacity > s.designCapacity * 3) {
      problems.push({ path: 'actualCapacity', message: `${s.actualCapacity} is more than three times the design capacity ${s.designCapacity}: check the unit (10⁴ t/a)` });
    }
    if ((s.lng === null) !== (s.lat === null)) problems.push({ path: s.lng === null ? 'lng' : 'lat', message: 'longitude and latitude go together' });
    if (problems.length) throw new Invalid('Invalid site (矿山信息有误)', problems);
    const ent = await findEnterprise(ex, s.enterprise);
    if (!ent || !canSee(actor, { regionCode: ent.region, enterpriseId: ent.id })) {
      throw new Invalid('Unknown enterprise', [{ path: 'enterprise', message: `no enterprise ${s.enterprise} in your scope` }]);
    }
  }

  /** The grade the pond is supervised by: its current one (raised after review; none without a dam). */
  function withGrade(s: Site): Site {
    return { ...s, grade: gradingOf(s)?.current?.grade ?? null };
  }

  async function visible(actor: Principal, idOrCode: string, ex: Executor = db): Promise<Site> {
    const s = await findSite(ex, idOrCode);
    if (!s || !canSee(actor, { regionCode: s.region, enterpriseId: s.enterprise })) throw new NotFound(`Site ${idOrCode} not found (矿山不存在)`);
    return s;
  }

  async function create(actor: Principal, input: SiteInput): Promise<SiteView> {
    requirePlacement(actor, 'site.create', { regionCode: input.region, enterpriseId: input.enterprise });
    const now = deps.now();
    const s = withGrade({
      id: uuidv7(),
      code: input.code,
      name: input.name,
      kind: input.kind,
      region: input.region,
      enterprise: input.enterprise,
      status: input.status ?? null,
      minerals: input.minerals ?? [],
      miningMethod: input.miningMethod ?? null,
      designCapacity: input.designCapacity ?? null,
      actualCapacity: input.actualCapacity ?? null,
      depth: input.depth ?? null,
      peopleUnderground: input.peopleUnderground ?? null,
      standardGrade: input.standardGrade ?? null,
      miningLicence: input.miningLicence ?? null,
      safetyLicence: input.safetyLicence ?? null,
      lng: input.lng ?? null,
      lat: input.lat ?? null,
      damType: input.damType ?? null,
      damHeight: input.damHeight ?? null,
      totalStorage: input.totalStorage ?? null,
      crestElevation: input.crestElevation ?? null,
      headsUp: input.headsUp ?? null,
      residentsDistance: input.residentsDistance ?? null,
      isNew: input.isNew ?? null,
      designStorage: input.designStorage ?? null,
      designDamHeight: input.designDamHeight ?? null,
      withoutDam: input.withoutDam ?? null,
      gradeRaisedReason: input.gradeRaisedReason || null,
      grade: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
      originNode: deps.nodeId,
    });
    await db.transaction().execute(async (tx) => {
      await validate(tx, actor, s);
      if (await findSiteByCode(tx, s.code)) throw new Conflict(`Site code ${s.code} is taken (编码重复)`, [{ path: 'code', message: 'already exists' }]);
      await insertSite(tx, s);
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'site', entityId: s.id, op: 'create', changes: s, originNode: deps.nodeId, at: now });
    });
    deps.events.publish('record.changed', { entity: 'site', id: s.id, op: 'create', regionCode: s.region, enterpriseId: s.enterprise });
    return present(s);
  }

  async function update(actor: Principal, idOrCode: string, patch: SitePatch): Promise<SiteView> {
    const before = await visible(actor, idOrCode);
    requireAccess(actor, 'site.update', { regionCode: before.region, enterpriseId: before.enterprise }, 'Site');
    const { version, ...rest } = patch;
    if (version !== before.version) throw new Conflict(`The site was changed by someone else (version ${before.version}, yours ${version}); reload and retry (记录已被他人修改)`, { currentVersion: before.version });
    if (rest.gradeRaisedReason === '') rest.gradeRaisedReason = null;
    const after = withGrade({ ...before, ...(defined(rest) as Partial<Site>) });
    const changes = diff(before, after);
    if (Object.keys(changes).length === 0) return present(before);
    if (actor.enterpriseId) {
      const moved = PLACEMENT_FIELDS.filter((f) => f in changes);
      if (moved.length) throw new Forbidden(`Enterprise accounts may not change ${moved.join(', ')}; ask the supervising bureau`);
    }
    if (after.region !== before.region || after.enterprise !== before.enterprise) {
      requirePlacement(actor, 'site.update', { regionCode: after.region, enterpriseId: after.enterprise });
    }
    after.version = before.version + 1;
    after.updatedAt = deps.now();
    await db.transaction().execute(async (tx) => {
      await validate(tx, actor, after);
      if (changes.code) {
        const other = await findSiteByCode(tx, after.code);
        if (other && other.id !== before.id) throw new Conflict(`Site code ${after.code} is taken (编码重复)`, [{ path: 'code', message: 'already exists' }]);
      }
      if (!(await updateSite(tx, after, before.version))) throw new Conflict('The site was changed by someone else; reload and retry (记录已被他人修改)');
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'site', entityId: before.id, op: 'update', changes, originNode: deps.nodeId, at: after.updatedAt });
    });
    deps.events.publish('record.changed', { entity: 'site', id: before.id, op: 'update', regionCode: after.region, enterpriseId: after.enterprise });
    return present(after);
  }

  return {
    create,
    update,
    /** The site by id or code, if the actor may see it; used by every capability that hangs off a site. */
    visible,
    async get(actor: Principal, idOrCode: string) {
      requirePermission(actor, 'registry.read');
      const s = await visible(actor, idOrCode);
      return { ...present(s), enterpriseName: (await findEnterprise(db, s.enterprise))?.name };
    },
    async list(actor: Principal, q: Omit<SiteQuery, 'scope'>) {
      requirePermission(actor, 'registry.read');
      const r = await listSites(db, { ...q, scope: scopeOf(actor) });
      return { items: r.items.map((s) => ({ ...present(s), enterpriseName: s.enterpriseName })), total: r.total };
    },
    async history(actor: Principal, idOrCode: string, limit = 100, offset = 0) {
      requirePermission(actor, 'registry.read');
      const s = await visible(actor, idOrCode);
      return (await listChanges(db, 'site', s.id, limit, offset)).map(presentChange);
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;
