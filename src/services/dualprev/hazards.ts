import { can, canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import type { Permission } from '../../domain/access/roles.ts';
import {
  availableActions,
  chinaYearStart,
  sectionFor,
  transition,
  type HazardAction,
  type HazardActionType,
  type HazardCategory,
  type HazardGrade,
  type HazardSource,
} from '../../domain/dualprev/index.ts';
import { Conflict, Invalid, NotFound, type FieldProblem } from '../../domain/errors.ts';
import { appendChange, listChanges } from '../../store/repos/change-log.ts';
import { findHazard, hazardCounts, insertHazard, listHazards, updateHazard, type HazardQuery, type HazardRow } from '../../store/repos/dualprev/hazards.ts';
import { findRisk } from '../../store/repos/dualprev/risks.ts';
import { findFile } from '../../store/repos/files.ts';
import { findAlarm } from '../../store/repos/monitoring/alarms.ts';
import type { Executor } from '../../store/db.ts';
import { regionColumns } from '../../store/repos/dualprev/place.ts';
import type { Deps } from '../context.ts';
import { presentChange } from '../registry/enterprises.ts';
import type { SiteService } from '../registry/sites.ts';
import { recordId } from './client-id.ts';
import type { CriteriaService } from './criteria.ts';
import { fromLoop, presentHazard, toLoop, type HazardView } from './hazard-view.ts';

export { presentHazard, toLoop, type HazardView } from './hazard-view.ts';

export interface HazardInput {
  id?: string;
  site: string;
  description: string;
  grade: HazardGrade;
  deadline: number;
  location?: string | null;
  category?: HazardCategory | null;
  criterion?: string | null;
  source?: HazardSource;
  sourceRef?: string | null;
  photos?: string[];
  risk?: string | null;
}

const PERMISSION_OF: Record<HazardActionType, Permission> = { plan: 'hazard.rectify', rectify: 'hazard.rectify', verify: 'hazard.verify', reject: 'hazard.verify', close: 'hazard.verify' };

/** The hazard ledger (隐患台账) and its closed loop. */
export function createHazardService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>, sites: SiteService, criteria: Pick<CriteriaService, 'find'>) {
  const { db } = deps.store;

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<HazardRow> {
    const r = await findHazard(ex, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Hazard ${id} not found (隐患不存在)`);
    return r;
  }

  async function checkPhotos(actor: Principal, photos: string[], path: string, problems: FieldProblem[]) {
    for (const [i, id] of photos.entries()) {
      const f = await findFile(db, id);
      if (!f || !canSee(actor, { regionCode: f.region_code, enterpriseId: f.enterprise_id })) problems.push({ path: `${path}.${i}`, message: `no file ${id} (upload it first with POST /api/v1/files)` });
    }
  }

  async function validate(actor: Principal, input: HazardInput, site: { id: string; kind: string }) {
    const problems: FieldProblem[] = [];
    if (input.criterion) {
      const c = await criteria.find(input.criterion);
      if (!c) problems.push({ path: 'criterion', message: `no criterion ${input.criterion} in the 88号 catalogue` });
      else if (input.grade !== 'major') problems.push({ path: 'criterion', message: 'a 88号 criterion makes the hazard major (重大隐患)' });
      else if (sectionFor(site.kind) && c.section !== sectionFor(site.kind)) problems.push({ path: 'criterion', message: `${c.id} is for ${c.section}, the site is ${site.kind}` });
    }
    if ((input.source === 'alarm' || input.source === 'inspection') && !input.sourceRef) problems.push({ path: 'sourceRef', message: `required for source ${input.source}` });
    if (input.source === 'alarm' && input.sourceRef) {
      const a = await findAlarm(db, input.sourceRef);
      if (!a || !canSee(actor, { regionCode: a.region_code, enterpriseId: a.enterprise_id })) problems.push({ path: 'sourceRef', message: `no alarm ${input.sourceRef}` });
    }
    if (input.risk) {
      const r = await findRisk(db, input.risk);
      if (!r || r.site_id !== site.id) problems.push({ path: 'risk', message: `no risk ${input.risk} at this site` });
    }
    await checkPhotos(actor, input.photos ?? [], 'photos', problems);
    if (problems.length) throw new Invalid('Invalid hazard (隐患信息有误)', problems);
  }

  function changed(op: string, r: HazardRow) {
    deps.events.publish('record.changed', { entity: 'hazard', id: r.id, op, regionCode: r.region_code, enterpriseId: r.enterprise_id });
  }

  /** A hazard forwarded from a node below is that node's to change: records travel upward only. */
  function ownedHere(r: HazardRow) {
    if (r.origin_node !== deps.nodeId) {
      throw new Conflict(`Hazard ${r.id} is kept by the node that registered it (${r.origin_node}); act on it there (隐患由登记节点处理)`, { originNode: r.origin_node }, 'owned_elsewhere');
    }
  }

  function stale(current: HazardRow, now: number, version?: number): Conflict {
    const why = version === undefined ? '' : ` (version ${current.version}, yours ${version})`;
    return new Conflict(`The hazard was changed by someone else${why}; reload and retry (记录已被他人修改)`, { current: presentHazard(current, now) }, 'stale_version');
  }

  async function get(actor: Principal, id: string) {
    requirePermission(actor, 'dualprev.read');
    const r = await visible(actor, id);
    // What this user may do here: none on a hazard another node keeps, no verdict on one's own rectification.
    const own = (a: HazardActionType) => (a === 'verify' || a === 'reject') && r.rectified_by === actor.id;
    const actions = r.origin_node === deps.nodeId ? availableActions(toLoop(r)).filter((a) => can(actor, PERMISSION_OF[a]) && !own(a)) : [];
    return { ...presentHazard(r, deps.now()), allowedActions: actions, history: (await listChanges(db, 'hazard', id)).map(presentChange) };
  }

  return {
    get,
    /** Registers a hazard; a repeated create with the same client id answers the record made the first time. */
    async report(actor: Principal, input: HazardInput): Promise<{ hazard: HazardView; created: boolean }> {
      const site = await sites.visible(actor, input.site);
      requirePlacement(actor, 'hazard.report', { regionCode: site.region, enterpriseId: site.enterprise });
      const id = recordId(input.id);
      await validate(actor, input, site);
      const now = deps.now();
      const row: HazardRow = {
        id,
        region_code: site.region,
        ...regionColumns(site.region),
        enterprise_id: site.enterprise,
        site_id: site.id,
        version: 1,
        origin_node: deps.nodeId,
        created_at: now,
        updated_at: now,
        description: input.description,
        location: input.location ?? null,
        category: input.category ?? null,
        grade: input.grade,
        criterion_id: input.criterion ?? null,
        source: input.source ?? 'check',
        source_ref: input.sourceRef ?? null,
        risk_id: input.risk ?? null,
        photos: JSON.stringify(input.photos ?? []),
        deadline: input.deadline,
        state: 'registered',
        plan: null,
        rectification: null,
        rectified_at: null,
        rectified_by: null,
        rectified_by_name: null,
        verified_at: null,
        verified_by: null,
        verified_by_name: null,
        verification_note: null,
        closed_at: null,
        closed_by: null,
        rejections: 0,
        reported_by: actor.id,
        reported_by_name: actor.name,
        overdue_at: null,
        escalation_tier: null,
        escalated_at: null,
        supervised_at: null,
        supervised_by: null,
      };
      const existing = await db.transaction().execute(async (tx) => {
        if (!(await insertHazard(tx, row))) return (await findHazard(tx, id)) ?? null;
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'hazard', entityId: id, op: 'create', changes: presentHazard(row, now), originNode: deps.nodeId, at: now });
        return null;
      });
      if (existing) {
        if (!canSee(actor, { regionCode: existing.region_code, enterpriseId: existing.enterprise_id }) || existing.site_id !== site.id) {
          throw new Conflict(`id ${id} belongs to another record`, [{ path: 'id', message: 'already used' }], 'id_taken');
        }
        return { hazard: presentHazard(existing, now), created: false };
      }
      changed('create', row);
      return { hazard: presentHazard(row, now), created: true };
    },

    /** One step of the closed loop, with the version it was read at when given. */
    async act(actor: Principal, id: string, action: HazardAction, version?: number) {
      const before = await visible(actor, id);
      requireAccess(actor, PERMISSION_OF[action.type], { regionCode: before.region_code, enterpriseId: before.enterprise_id }, 'Hazard');
      ownedHere(before);
      const now = deps.now();
      if (version !== undefined && version !== before.version) throw stale(before, now, version);
      if (action.type === 'rectify' && action.photos?.length) {
        const problems: FieldProblem[] = [];
        await checkPhotos(actor, action.photos, 'photos', problems);
        if (problems.length) throw new Invalid('Unknown photos', problems);
      }
      const after = transition(toLoop(before), action, actor.id, now);
      const row: HazardRow = { ...before, ...fromLoop(after), version: before.version + 1, updated_at: now };
      if (action.type === 'rectify') row.rectified_by_name = actor.name;
      if (action.type === 'reject') row.rectified_by_name = null;
      if (action.type === 'verify') row.verified_by_name = actor.name;
      await db.transaction().execute(async (tx) => {
        if (!(await updateHazard(tx, row, before.version))) throw stale((await findHazard(tx, id))!, now);
        const { type, ...payload } = action;
        const reason = action.type === 'reject' ? action.note : null;
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'hazard', entityId: id, op: type, changes: { ...payload, state: { from: before.state, to: after.state } }, originNode: deps.nodeId, at: now, reason });
      });
      changed(action.type, row);
      return presentHazard(row, now);
    },

    async list(actor: Principal, q: Omit<HazardQuery, 'scope' | 'now' | 'site'> & { site?: string }) {
      requirePermission(actor, 'dualprev.read');
      const site = q.site ? (await sites.visible(actor, q.site)).id : undefined;
      const now = deps.now();
      const r = await listHazards(db, { ...q, site, scope: scopeOf(actor), now });
      return { items: r.items.map((h) => presentHazard(h, now)), total: r.total };
    },

    /** Found, rectified, overdue and the on-time rate over hazards found in [from, to), by grade. */
    async stats(actor: Principal, q: { region?: string; site?: string; from?: number; to?: number }) {
      requirePermission(actor, 'dualprev.read');
      const site = q.site ? (await sites.visible(actor, q.site)).id : undefined;
      const now = deps.now();
      const from = q.from ?? chinaYearStart(now);
      const to = q.to ?? now + 1;
      const rows = await hazardCounts(db, { scope: scopeOf(actor), region: q.region, site, from, to, now });
      const blank = () => ({ found: 0, rectified: 0, onTime: 0, overdue: 0, onTimeRate: null as number | null });
      const byGrade = { general: blank(), major: blank() };
      const total = blank();
      for (const r of rows) {
        const g = byGrade[r.grade as HazardGrade];
        if (!g) continue;
        for (const t of [g, total]) {
          t.found += r.found;
          t.rectified += r.rectified;
          t.onTime += r.onTime;
          t.overdue += r.overdueOpen + r.overdueRectified;
        }
      }
      // Of the hazards that fell due (rectified, or still open past the deadline), the share done in time.
      for (const t of [total, byGrade.general, byGrade.major]) {
        const due = t.onTime + t.overdue;
        t.onTimeRate = due === 0 ? null : Math.round((t.onTime / due) * 10_000) / 10_000;
      }
      return { from, to, ...total, byGrade };
    },
  };
}

export type HazardService = ReturnType<typeof createHazardService>;
