import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { checkState, periodOf, planFromRisk, type CheckFrequency, type CheckItem, type CheckResult, type HazardGrade, type RiskLevel } from '../../domain/dualprev/index.ts';
import { Conflict, Invalid, NotFound, type FieldProblem } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findCheck, insertCheck, listChecks, listPlannedRisks, updateCheck, type CheckRow } from '../../store/repos/dualprev/checks.ts';
import type { RiskRow } from '../../store/repos/dualprev/risks.ts';
import { regionColumns } from '../../store/repos/dualprev/place.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import { derivedId, recordId } from './client-id.ts';
import type { HazardService } from './hazards.ts';

/**
 * Hazard investigation (隐患排查): the check plan of a site is derived from its risk points' control
 * measures; a job generates the check of each frequency's current period (once: its id is made from
 * the site, frequency and period); a person completes a check with each item's result, and an item
 * found not ok may register a hazard linked to the check. Checks not done by their due instant are
 * missed (漏检).
 */
export interface ItemResult {
  key: string;
  result: CheckResult;
  note?: string | null;
  photos?: string[];
  /** The hazard registered for an item found not ok. */
  hazard?: string | null;
}
export interface ItemHazard {
  description?: string;
  grade: HazardGrade;
  deadline: number;
  criterion?: string | null;
}
export interface CompleteInput {
  version?: number;
  results: (Omit<ItemResult, 'hazard'> & { hazard?: ItemHazard })[];
}

const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export function presentCheck(r: CheckRow, now: number) {
  const completedAt = r.completed_at === null ? null : Number(r.completed_at);
  const dueAt = Number(r.due_at);
  return {
    id: r.id,
    site: r.site_id,
    region: r.region_code,
    enterprise: r.enterprise_id,
    frequency: r.frequency as CheckFrequency,
    periodStart: Number(r.period_start),
    dueAt,
    state: checkState({ completedAt, dueAt }, now),
    items: json<CheckItem[]>(r.items, []),
    results: json<ItemResult[] | null>(r.results, null),
    completedAt,
    completedBy: r.completed_by,
    completedByName: r.completed_by_name,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: r.version,
    originNode: r.origin_node,
  };
}
export type CheckView = ReturnType<typeof presentCheck>;

const planRisk = (r: RiskRow) => ({
  id: r.id,
  name: r.name,
  level: r.level as RiskLevel,
  department: r.department,
  person: r.person,
  measures: json<{ kind: string; text: string; department?: string | null; person?: string | null }[]>(r.measures, []),
  checkItems: json<string[]>(r.check_items, []),
});

export function createCheckService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>, sites: SiteService, hazards: Pick<HazardService, 'report'>) {
  const { db } = deps.store;

  async function visible(actor: Principal, id: string) {
    const r = await findCheck(db, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Check ${id} not found (排查记录不存在)`);
    return r;
  }

  /** The plan of one site: its risk points' items by frequency. */
  async function planOf(site: string) {
    const items = (await listPlannedRisks(db, deps.nodeId, site)).flatMap((r) => planFromRisk(planRisk(r)));
    const byFrequency = new Map<CheckFrequency, CheckItem[]>();
    for (const it of items) byFrequency.set(it.frequency, [...(byFrequency.get(it.frequency) ?? []), it]);
    return byFrequency;
  }

  function row(site: { id: string; region: string; enterprise: string }, id: string, frequency: CheckFrequency, items: CheckItem[], now: number, by: string | null): CheckRow {
    const p = periodOf(frequency, now);
    return {
      id,
      region_code: site.region,
      ...regionColumns(site.region),
      enterprise_id: site.enterprise,
      site_id: site.id,
      version: 1,
      origin_node: deps.nodeId,
      created_at: now,
      updated_at: now,
      frequency,
      period_start: p.start,
      due_at: p.due,
      items: JSON.stringify(items),
      results: null,
      completed_at: null,
      completed_by: null,
      completed_by_name: null,
      created_by: by,
    };
  }

  /** Generates the checks of the current periods for every site with a plan kept here; returns how many were new. */
  async function generate(now = deps.now()): Promise<number> {
    const siteIds = [...new Set((await listPlannedRisks(db, deps.nodeId)).map((r) => r.site_id))];
    let made = 0;
    for (const siteId of siteIds) {
      const site = await findSite(db, siteId);
      if (!site) continue;
      for (const [frequency, items] of await planOf(siteId)) {
        const id = `chk-${siteId}-${frequency}-${periodOf(frequency, now).start}`;
        const r = row(site, id, frequency, items, now, null);
        const fresh = await db.transaction().execute(async (tx) => {
          if (!(await insertCheck(tx, r))) return false;
          await appendChange(tx, { actorId: '', actorName: 'scheduler', entity: 'check', entityId: id, op: 'create', changes: { frequency, dueAt: r.due_at, items: items.length }, originNode: deps.nodeId, at: now });
          return true;
        });
        if (fresh) made++;
      }
    }
    return made;
  }

  return {
    generate,

    async plan(actor: Principal, siteId: string) {
      requirePermission(actor, 'dualprev.read');
      const site = await sites.visible(actor, siteId);
      const plan = await planOf(site.id);
      return { site: site.id, items: [...plan.values()].flat() };
    },

    async list(actor: Principal, q: { site?: string; state?: 'due' | 'missed' | 'done'; limit: number; offset: number }) {
      requirePermission(actor, 'dualprev.read');
      const site = q.site ? (await sites.visible(actor, q.site)).id : undefined;
      const now = deps.now();
      const r = await listChecks(db, { ...q, site, scope: scopeOf(actor), now });
      return { items: r.items.map((c) => presentCheck(c, now)), total: r.total };
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'dualprev.read');
      return presentCheck(await visible(actor, id), deps.now());
    },

    /** A check made by hand for a frequency's current period, with the site's plan items; a repeat with the same client id answers the first. */
    async create(actor: Principal, input: { id?: string; site: string; frequency: CheckFrequency }) {
      const site = await sites.visible(actor, input.site);
      requirePlacement(actor, 'hazard.report', { regionCode: site.region, enterpriseId: site.enterprise });
      const id = recordId(input.id);
      const now = deps.now();
      const items = (await planOf(site.id)).get(input.frequency) ?? [];
      if (!items.length) throw new Invalid(`The site has no ${input.frequency} check items: assess its risk points with control measures first`, [{ path: 'frequency', message: 'no check items' }]);
      const r = row(site, id, input.frequency, items, now, actor.id);
      const created = await db.transaction().execute(async (tx) => {
        if (!(await insertCheck(tx, r))) return false;
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'check', entityId: id, op: 'create', changes: { frequency: input.frequency, dueAt: r.due_at }, originNode: deps.nodeId, at: now });
        return true;
      });
      if (!created) {
        const existing = await visible(actor, id);
        if (existing.site_id !== site.id) throw new Conflict(`id ${id} belongs to another record`, [{ path: 'id', message: 'already used' }], 'id_taken');
        return { check: presentCheck(existing, now), created: false };
      }
      return { check: presentCheck(r, now), created: true };
    },

    /** Records each item's result; an item found not ok with a `hazard` registers it, linked to the check. */
    async complete(actor: Principal, id: string, input: CompleteInput) {
      const before = await visible(actor, id);
      requireAccess(actor, 'hazard.report', { regionCode: before.region_code, enterpriseId: before.enterprise_id }, 'Check');
      const now = deps.now();
      if (before.origin_node !== deps.nodeId) throw new Conflict(`Check ${id} is kept by the node that made it (${before.origin_node})`, { originNode: before.origin_node }, 'owned_elsewhere');
      if (input.version !== undefined && input.version !== before.version) throw new Conflict(`The check was changed by someone else (version ${before.version}, yours ${input.version}); reload and retry`, { current: presentCheck(before, now) }, 'stale_version');
      if (before.completed_at !== null) throw new Conflict('The check is already done (已完成排查)', { current: presentCheck(before, now) }, 'already_done');
      const items = json<CheckItem[]>(before.items, []);
      const problems: FieldProblem[] = [];
      const keys = new Set(items.map((i) => i.key));
      input.results.forEach((r, i) => {
        if (!keys.has(r.key)) problems.push({ path: `results.${i}.key`, message: `no item ${r.key} in this check` });
        if (r.hazard && r.result !== 'not_ok') problems.push({ path: `results.${i}.hazard`, message: 'only an item found not ok registers a hazard' });
      });
      for (const it of items) if (!input.results.some((r) => r.key === it.key)) problems.push({ path: 'results', message: `no result for item ${it.key} (${it.text})` });
      if (problems.length) throw new Invalid('Invalid check results (排查结果有误)', problems);
      const results: ItemResult[] = [];
      for (const [i, r] of input.results.entries()) {
        const item = items.find((x) => x.key === r.key)!;
        let hazard: string | null = null;
        if (r.hazard) {
          // The hazard's id is made from the check and item, so a retried completion registers it once.
          const h = await hazards.report(actor, {
            id: derivedId(`${id}#${i}`),
            site: before.site_id,
            description: r.hazard.description?.trim() || `${item.riskName}：${item.text}（排查不合格）${r.note ? `，${r.note}` : ''}`,
            grade: r.hazard.grade,
            deadline: r.hazard.deadline,
            criterion: r.hazard.criterion ?? null,
            source: 'check',
            sourceRef: id,
            risk: item.risk,
            photos: r.photos ?? [],
          });
          hazard = h.hazard.id;
        }
        results.push({ key: r.key, result: r.result, note: r.note ?? null, photos: r.photos ?? [], hazard });
      }
      const after: CheckRow = { ...before, results: JSON.stringify(results), completed_at: now, completed_by: actor.id, completed_by_name: actor.name, version: before.version + 1, updated_at: now };
      await db.transaction().execute(async (tx) => {
        if (!(await updateCheck(tx, after, before.version))) throw new Conflict('The check was changed by someone else; reload and retry', null, 'stale_version');
        const notOk = results.filter((r) => r.result === 'not_ok').length;
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'check', entityId: id, op: 'complete', changes: { items: results.length, notOk, hazards: results.flatMap((r) => (r.hazard ? [r.hazard] : [])) }, originNode: deps.nodeId, at: now });
      });
      return presentCheck(after, now);
    },
  };
}

export type CheckService = ReturnType<typeof createCheckService>;
