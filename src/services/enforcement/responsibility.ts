import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { chinaDate } from '../../domain/enforcement/dates.ts';
import { checkAssignment, endOn, isCurrent, responsibilityGaps, type LeaderLevel, type ResponsibilityRole } from '../../domain/enforcement/responsibility.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { scopePrefix } from '../../domain/regions/regions.ts';
import { listActions } from '../../store/repos/enforcement/actions.ts';
import { findResponsibility, insertResponsibility, listResponsibilities, responsibilitiesOfRegion, updateResponsibility, type ResponsibilityQuery } from '../../store/repos/enforcement/responsibility.ts';
import { sitesOfRegion } from '../../store/repos/enforcement/sites.ts';
import type { SiteResponsibilitiesTable } from '../../store/repos/enforcement/tables.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import { audit, requireOwnedHere } from './audit.ts';

export interface AssignmentInput {
  site: string;
  role: ResponsibilityRole;
  name: string;
  post: string;
  level?: LeaderLevel | null;
  phone?: string | null;
  startsOn: string;
  endsOn?: string | null;
  document?: string | null;
}

function present(r: SiteResponsibilitiesTable, today: string) {
  return {
    id: r.id,
    site: r.site_id,
    region: r.region_code,
    enterprise: r.enterprise_id,
    role: r.role,
    name: r.name,
    post: r.post,
    level: r.level,
    phone: r.phone,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    endedReason: r.ended_reason,
    current: isCurrent({ startsOn: r.starts_on, endsOn: r.ends_on }, today),
    version: r.version,
    originNode: r.origin_node,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Leaders' responsibility for mines and ponds (领导包保) and resident commissioners for ponds (派驻监管专员). */
export function createResponsibilityService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'regions'>) {
  const { db } = deps.store;
  const today = () => chinaDate(deps.now());

  return {
    async assign(actor: Principal, input: AssignmentInput) {
      requirePermission(actor, 'enforcement.manage');
      const site = await findSite(db, input.site);
      if (!site || !canSee(actor, { regionCode: site.region, enterpriseId: site.enterprise })) throw new Invalid('Unknown site', [{ path: 'site', message: `no site ${input.site} in your scope` }]);
      requirePlacement(actor, 'enforcement.manage', { regionCode: site.region, enterpriseId: site.enterprise });
      const period = { startsOn: input.startsOn, endsOn: input.endsOn ?? null };
      checkAssignment({ role: input.role, level: input.level, ...period }, site.kind);
      const now = deps.now();
      const r: SiteResponsibilitiesTable = {
        id: uuidv7(),
        region_code: site.region,
        enterprise_id: site.enterprise,
        site_id: site.id,
        role: input.role,
        name: input.name,
        post: input.post,
        level: input.level ?? null,
        phone: input.phone ?? null,
        starts_on: period.startsOn,
        ends_on: period.endsOn,
        ended_reason: null,
        created_by: actor.id,
        version: 1,
        origin_node: deps.nodeId,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (tx) => {
        await insertResponsibility(tx, r);
        await audit(tx, actor, deps.nodeId, now, { entity: 'responsibility', entityId: r.id, region: r.region_code, enterprise: r.enterprise_id, op: 'create', changes: present(r, today()), document: input.document ?? null });
      });
      deps.events.publish('record.changed', { entity: 'responsibility', id: r.id, op: 'create', regionCode: r.region_code, enterpriseId: r.enterprise_id });
      return present(r, today());
    },

    /** Ends an assignment (transfer, retirement) on a date, with the reason; the record stays. */
    async end(actor: Principal, id: string, input: { reason: string; endsOn?: string; document?: string | null }) {
      const before = await findResponsibility(db, id);
      if (!before || !canSee(actor, { regionCode: before.region_code, enterpriseId: before.enterprise_id })) throw new NotFound(`Assignment ${id} not found`);
      requireAccess(actor, 'enforcement.manage', { regionCode: before.region_code, enterpriseId: before.enterprise_id }, 'Assignment');
      requireOwnedHere('Assignment', id, before.origin_node, deps.nodeId);
      const p = endOn({ startsOn: before.starts_on, endsOn: before.ends_on }, input.endsOn ?? today());
      const now = deps.now();
      const after: SiteResponsibilitiesTable = { ...before, ends_on: p.endsOn, ended_reason: input.reason, version: before.version + 1, updated_at: now };
      await db.transaction().execute(async (tx) => {
        if (!(await updateResponsibility(tx, after, before.version))) throw new Conflict('The assignment was changed by someone else; reload and retry (记录已被他人修改)');
        await audit(tx, actor, deps.nodeId, now, { entity: 'responsibility', entityId: id, region: after.region_code, enterprise: after.enterprise_id, op: 'end', changes: { endsOn: { from: before.ends_on, to: after.ends_on } }, reason: input.reason, document: input.document ?? null });
      });
      deps.events.publish('record.changed', { entity: 'responsibility', id, op: 'end', regionCode: after.region_code, enterpriseId: after.enterprise_id });
      return present(after, today());
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      const r = await findResponsibility(db, id);
      if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Assignment ${id} not found`);
      return { ...present(r, today()), history: await listActions(db, 'responsibility', id) };
    },

    async list(actor: Principal, q: Omit<ResponsibilityQuery, 'scope' | 'on'> & { current?: boolean }) {
      requirePermission(actor, 'enforcement.read');
      const r = await listResponsibilities(db, { ...q, on: q.current ? today() : undefined, scope: scopeOf(actor) });
      return { items: r.items.map((x) => present(x, today())), total: r.total };
    },

    /** The mines and ponds of a region (not closed) without a current leader, and ponds without a commissioner. */
    async gaps(actor: Principal, region: string, on?: string) {
      requirePermission(actor, 'enforcement.read');
      if (!deps.regions.get(region)) throw new Invalid('Unknown region', [{ path: 'region', message: `${region} is not a known GB/T 2260 code` }]);
      const prefix = scopePrefix(region);
      const date = on ?? today();
      const sites = (await sitesOfRegion(db, scopeOf(actor), prefix, { exceptStatus: 'closed' })).filter((s) => s.kind === 'underground' || s.kind === 'tailings_pond');
      const assignments = (await responsibilitiesOfRegion(db, prefix)).map((a) => ({ site: a.site_id, role: a.role as ResponsibilityRole, name: a.name, startsOn: a.starts_on, endsOn: a.ends_on }));
      const gaps = responsibilityGaps(sites, assignments, date);
      return {
        region,
        on: date,
        items: gaps.map((g) => ({ site: g.site.id, code: g.site.code, name: g.site.name, kind: g.site.kind, region: g.site.region, enterprise: g.site.enterprise, enterpriseName: g.site.enterpriseName, missing: g.missing, last: g.last })),
      };
    },
  };
}

export type ResponsibilityService = ReturnType<typeof createResponsibilityService>;
