import { uuidv7 } from 'uuidv7';
import { requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { startOfChinaDate, addDays, quarterRange } from '../../domain/enforcement/dates.ts';
import { DEFAULT_EXTRA_VISITS, isInDepth, specialVisits } from '../../domain/enforcement/special-periods.ts';
import { insertSpecialPeriod, listSpecialPeriods, specialPeriodsOverlapping, type SpecialPeriodsTable } from '../../store/repos/enforcement/checklists.ts';
import { structuralParent } from '../../domain/regions/regions.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { blindSpots, planQuarter, planYear, type PlanSite } from '../../domain/enforcement/plans.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { scopePrefix } from '../../domain/regions/regions.ts';
import { canSee } from '../../domain/access/policy.ts';
import { ruleShortZh } from '../../domain/compliance/severity.ts';
import { openFindingsOfSites } from '../../store/repos/compliance/findings.ts';
import { inspectedSites } from '../../store/repos/enforcement/inspections.ts';
import { findPlan, insertPlan, listPlans, visitsOfPlan } from '../../store/repos/enforcement/plans.ts';
import { sitesOfRegion } from '../../store/repos/enforcement/sites.ts';
import type { InspectionPlansTable, PlanVisitsTable } from '../../store/repos/enforcement/tables.ts';
import type { Deps } from '../context.ts';
import { audit } from './audit.ts';
import type { ClassService } from './classes.ts';

function presentPeriod(p: SpecialPeriodsTable) {
  return { id: p.id, region: p.region_code, name: p.name, from: p.starts_on, to: p.ends_on, extraVisits: JSON.parse(p.extra_visits) as Record<string, number>, createdAt: Number(p.created_at) };
}

/** A region and those above it. */
function chain(region: string): string[] {
  const out: string[] = [];
  for (let r: string | null = region; r; r = structuralParent(r)) out.push(r);
  return out;
}

export function createPlanService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'regions'>, classes: ClassService) {
  const { db } = deps.store;

  function checkRegion(region: string) {
    if (!deps.regions.get(region)) throw new Invalid('Unknown region', [{ path: 'region', message: `${region} is not a known GB/T 2260 code` }]);
  }

  /** Why each site is a priority now: its open compliance findings (合规问题未整改). */
  async function priorities(siteIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const f of await openFindingsOfSites(db, [...new Set(siteIds)])) {
      const why = `合规问题未整改：${ruleShortZh(f.rule)}`;
      const list = out.get(f.site_id!) ?? [];
      if (!list.includes(why)) out.set(f.site_id!, [...list, why]);
    }
    return out;
  }

  async function present(plan: InspectionPlansTable, elsewhere: { site: string; dues: string[] }[] = []) {
    const rows = await visitsOfPlan(db, plan.id);
    const marked = await priorities(rows.map((v) => v.site_id));
    // Sites with open findings first; otherwise in due order, as stored.
    const visits = [...rows].sort((a, b) => Number(marked.has(b.site_id)) - Number(marked.has(a.site_id)));
    return {
      id: plan.id,
      region: plan.region_code,
      year: plan.year,
      quarter: plan.quarter,
      createdBy: plan.created_by,
      createdAt: Number(plan.created_at),
      version: plan.version,
      originNode: plan.origin_node,
      visits: visits.map((v) => ({
        id: v.id,
        site: v.site_id,
        siteCode: v.site_code,
        siteName: v.site_name,
        siteKind: v.site_kind,
        siteStatus: v.site_status,
        enterprise: v.enterprise_id,
        region: v.region_code,
        class: v.class,
        seq: v.seq,
        due: v.due,
        kind: v.visit_kind ?? 'planned',
        reason: v.reason ?? null,
        inDepth: Number(v.in_depth ?? 0) === 1,
        priority: marked.has(v.site_id),
        reasons: marked.get(v.site_id) ?? [],
      })),
      elsewhere,
    };
  }

  return {
    /**
     * A plan for a region's year or quarter: every site not closed (under construction, producing,
     * suspended, awaiting closure, status unknown), visited as often as its enterprise's class allows.
     */
    async create(actor: Principal, input: { region: string; year: number; quarter?: number | null; inDepth?: string[] | null }) {
      checkRegion(input.region);
      requirePlacement(actor, 'enforcement.manage', { regionCode: input.region });
      const classed = await classes.compute(actor, scopePrefix(input.region));
      const sites: (PlanSite & { enterprise: string; region: string })[] = [];
      for (const c of classed) for (const s of c.sites) sites.push({ id: s.id, perYear: c.inspectionsPerYear, class: c.class, enterprise: s.enterprise, region: s.region });
      // Sites with open compliance findings go first, so that their visits fall due earliest.
      const marked = new Set(classed.flatMap((c) => c.findings.map((f) => f.site)));
      sites.sort((a, b) => Number(marked.has(b.id)) - Number(marked.has(a.id)) || a.id.localeCompare(b.id));
      const part = input.quarter ? planQuarter(sites, input.year, input.quarter) : { visits: planYear(sites, input.year), elsewhere: [] };
      const now = deps.now();
      const plan: InspectionPlansTable = { id: uuidv7(), region_code: input.region, enterprise_id: null, year: input.year, quarter: input.quarter ?? null, created_by: actor.id, version: 1, origin_node: deps.nodeId, created_at: now, updated_at: now };
      const bySite = new Map(sites.map((s) => [s.id, s]));
      // Special periods of the region or above that overlap the plan add unscheduled visits.
      const span = input.quarter ? quarterRange(input.year, input.quarter) : { from: `${input.year}-01-01`, to: `${input.year}-12-31` };
      const periods = (await specialPeriodsOverlapping(db, chain(input.region), span.from, span.to)).map((p) => ({ name: p.name, from: p.starts_on, to: p.ends_on, extraVisits: JSON.parse(p.extra_visits) as Record<string, number> }));
      const extra = specialVisits(sites, periods, span.from, span.to);
      const named = input.inDepth?.length ? new Set(input.inDepth) : null;
      const row = (v: { site: string; class: string; seq: number; due: string }, kind: string, reason: string | null, inDepth: boolean): PlanVisitsTable => ({ id: uuidv7(), plan_id: plan.id, site_id: v.site, region_code: bySite.get(v.site)!.region, enterprise_id: bySite.get(v.site)!.enterprise, class: v.class, seq: v.seq, due: v.due, visit_kind: kind, reason, in_depth: inDepth ? 1 : 0, version: 1, origin_node: deps.nodeId, created_at: now, updated_at: now });
      const visits: PlanVisitsTable[] = [...part.visits.map((v) => row(v, 'planned', null, isInDepth(v, named))), ...extra.map((v) => row(v, 'unscheduled', v.reason, false))];
      await db.transaction().execute(async (tx) => {
        await insertPlan(tx, plan, visits);
        await audit(tx, actor, deps.nodeId, now, { entity: 'inspection_plan', entityId: plan.id, region: plan.region_code, enterprise: null, op: 'create', changes: { region: plan.region_code, year: plan.year, quarter: plan.quarter, visits: visits.length, sites: sites.length } });
      });
      deps.events.publish('record.changed', { entity: 'inspection_plan', id: plan.id, op: 'create', regionCode: plan.region_code, enterpriseId: null });
      return present(plan, part.elsewhere);
    },

    /** A special period (特殊时段) of a region: plans overlapping it add unscheduled visits for the classes named. */
    async addSpecialPeriod(actor: Principal, input: { region: string; name: string; from: string; to: string; extraVisits?: Record<string, number> | null }) {
      checkRegion(input.region);
      requirePlacement(actor, 'enforcement.manage', { regionCode: input.region });
      if (input.to < input.from) throw new Invalid('The period ends before it starts', [{ path: 'to', message: `before ${input.from}` }]);
      const now = deps.now();
      const row: SpecialPeriodsTable = { id: uuidv7(), region_code: input.region, enterprise_id: null, name: input.name, starts_on: input.from, ends_on: input.to, extra_visits: JSON.stringify(input.extraVisits ?? DEFAULT_EXTRA_VISITS), created_by: actor.id, version: 1, origin_node: deps.nodeId, created_at: now, updated_at: now };
      await db.transaction().execute(async (tx) => {
        await insertSpecialPeriod(tx, row);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'special_period', entityId: row.id, op: 'create', changes: { region: row.region_code, name: row.name, from: row.starts_on, to: row.ends_on, extraVisits: JSON.parse(row.extra_visits) }, originNode: deps.nodeId, at: now });
      });
      return presentPeriod(row);
    },

    /** Special periods in my scope, under a region if given (a period set above applies below it too, when plans are made). */
    async specialPeriods(actor: Principal, q: { region?: string; limit: number; offset: number }) {
      requirePermission(actor, 'enforcement.read');
      const r = await listSpecialPeriods(db, { ...q, region: q.region ? scopePrefix(q.region) : undefined, scope: scopeOf(actor) });
      return { items: r.items.map(presentPeriod), total: r.total };
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      const p = await findPlan(db, id);
      if (!p || !canSee(actor, { regionCode: p.region_code })) throw new NotFound(`Plan ${id} not found`);
      return present(p);
    },

    async list(actor: Principal, q: { region?: string; year?: number; limit: number; offset: number }) {
      requirePermission(actor, 'enforcement.read');
      const r = await listPlans(db, { ...q, scope: scopeOf(actor) });
      return { items: r.items.map((p) => ({ id: p.id, region: p.region_code, year: p.year, quarter: p.quarter, createdBy: p.created_by, createdAt: Number(p.created_at) })), total: r.total };
    },

    /** Sites of the region, not closed, that no inspection reached from `from` to `to` (China dates, inclusive). */
    async blindSpots(actor: Principal, region: string, from: string, to: string) {
      requirePermission(actor, 'enforcement.read');
      checkRegion(region);
      if (to < from) throw new Invalid('The period ends before it starts', [{ path: 'to', message: `before ${from}` }]);
      const prefix = scopePrefix(region);
      const sites = await sitesOfRegion(db, scopeOf(actor), prefix, { exceptStatus: 'closed' });
      const reached = await inspectedSites(db, prefix, startOfChinaDate(from), startOfChinaDate(addDays(to, 1)));
      const items = blindSpots(sites, reached).map((s) => ({ site: s.id, siteCode: s.code, siteName: s.name, kind: s.kind, status: s.status, enterprise: s.enterprise, enterpriseName: s.enterpriseName, region: s.region }));
      return { items, total: items.length, sites: sites.length };
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
