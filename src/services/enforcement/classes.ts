import { uuidv7 } from 'uuidv7';
import { canSee, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { classify, mergeRules, type ClassRules, type ClassSite, type SupervisionClass } from '../../domain/enforcement/classes.ts';
import { chinaDate, cycleOf } from '../../domain/enforcement/dates.ts';
import { licenceStateAt, LICENCE_STATES, type LicenceState, type LicenceStatus } from '../../domain/enforcement/licences.ts';
import { cycleSummary } from '../../domain/enforcement/scores.ts';
import { Forbidden, Invalid } from '../../domain/errors.ts';
import { openFindingsOfEnterprises } from '../../store/repos/compliance/findings.ts';
import { casesOfEnterprises } from '../../store/repos/enforcement/cases.ts';
import { enterprisesByIds, enterprisesOfRegion, insertOverride, latestOverrides, openAlarmCounts, openMajorHazardCounts, type ClassOverride } from '../../store/repos/enforcement/classes.ts';
import { licencesOfEnterprises } from '../../store/repos/enforcement/licences.ts';
import { listActions } from '../../store/repos/enforcement/actions.ts';
import { personsOfEnterprises } from '../../store/repos/enforcement/persons.ts';
import { scoresOfPersons } from '../../store/repos/enforcement/scores.ts';
import { sitesOfRegion, type RegionSite } from '../../store/repos/enforcement/sites.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';
import type { Deps } from '../context.ts';
import { audit } from './audit.ts';

const RULES_KEY = 'enforcement.classRules';
const YEAR_MS = 365 * 86_400_000;

/** Licence states from best to worst: the enterprise's licence factor takes the best it holds. */
const LICENCE_RANK: (LicenceState | 'none')[] = ['valid', 'expiring', 'suspended', 'expired', 'revoked', 'cancelled', 'none'];

export interface ClassItem {
  enterprise: string;
  enterpriseName: string;
  region: string;
  class: SupervisionClass;
  computedClass: SupervisionClass;
  score: number;
  factors: ReturnType<typeof classify>['factors'];
  inspectionsPerYear: number;
  override: { class: SupervisionClass; reason: string; by: string | null; at: number } | null;
  sites: RegionSite[];
  /** Open compliance findings of its sites. */
  findings: { rule: string; site: string | null }[];
}

export function createClassService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>) {
  const { db } = deps.store;

  async function rules(): Promise<ClassRules> {
    const raw = await getSetting(db, RULES_KEY);
    return mergeRules(raw ? (JSON.parse(raw) as unknown) : null);
  }

  /** Every enterprise with sites in the region (or registered there), classed; the basis of plans too. */
  async function compute(actor: Principal, regionPrefix: string, enterprise?: string): Promise<ClassItem[]> {
    const scope = scopeOf(actor);
    const now = deps.now();
    const today = chinaDate(now);
    const r = await rules();
    const sites = await sitesOfRegion(db, scope, regionPrefix, { exceptStatus: 'closed', enterprise });
    const registered = await enterprisesOfRegion(db, scope, regionPrefix, enterprise);
    const ids = [...new Set([...registered.map((e) => e.id), ...sites.map((s) => s.enterprise)])];
    const known = new Map(registered.map((e) => [e.id, e]));
    for (const e of await enterprisesByIds(db, ids.filter((id) => !known.has(id)))) known.set(e.id, e);
    const [licences, cases, persons, alarms, hazards, overrides, findings] = await Promise.all([
      licencesOfEnterprises(db, ids),
      casesOfEnterprises(db, ids, now - YEAR_MS),
      personsOfEnterprises(db, ids),
      openAlarmCounts(db, ids),
      openMajorHazardCounts(db, ids),
      latestOverrides(db, ids),
      openFindingsOfEnterprises(db, ids),
    ]);
    const siteIds = new Set(sites.map((s) => s.id));
    const findingsBy = new Map<string, { rule: string; site: string | null }[]>();
    for (const x of findings) if (x.enterprise_id && siteIds.has(x.site_id!)) findingsBy.set(x.enterprise_id, [...(findingsBy.get(x.enterprise_id) ?? []), { rule: x.rule, site: x.site_id }]);
    const cycle = cycleOf(now);
    const scores = await scoresOfPersons(db, persons.map((p) => p.id), cycle);
    return ids.map((id) => {
      const own = sites.filter((s) => s.enterprise === id);
      const states = licences.filter((l) => l.enterprise === id).map((l) => licenceStateAt({ status: l.status as LicenceStatus, expiresAt: l.expiresAt }, today));
      const licence = LICENCE_RANK.find((s) => s === 'none' || states.includes(s as LicenceState)) ?? 'none';
      const totals = persons.filter((p) => p.enterprise === id).map((p) => cycleSummary(scores.filter((s) => s.person === p.id), cycle));
      const a = alarms.get(id) ?? { red: 0, orange: 0 };
      const c = classify(
        {
          sites: own as ClassSite[],
          licence,
          producing: own.some((s) => s.status === 'producing'),
          cases: cases.filter((x) => x.enterprise === id).length,
          reassessmentDue: totals.filter((t) => t.reassessmentDue).length,
          points: totals.reduce((s, t) => s + t.total, 0),
          majorHazards: hazards ? (hazards.get(id) ?? 0) : null,
          redAlarms: a.red,
          orangeAlarms: a.orange,
          openFindings: findingsBy.get(id) ?? [],
        },
        r,
      );
      const o = overrides.get(id);
      const cls = (o?.class as SupervisionClass | null | undefined) ?? c.class;
      const ent = known.get(id);
      return {
        enterprise: id,
        enterpriseName: ent?.name ?? '',
        region: ent?.region_code ?? '',
        class: cls,
        computedClass: c.class,
        score: c.score,
        factors: c.factors,
        inspectionsPerYear: r.inspectionsPerYear[cls],
        override: o?.class ? { class: o.class as SupervisionClass, reason: o.reason, by: o.actorName, at: o.at } : null,
        sites: own,
        findings: findingsBy.get(id) ?? [],
      };
    });
  }

  return {
    compute,
    rules,
    async list(actor: Principal, regionPrefix: string, enterprise?: string) {
      requirePermission(actor, 'enforcement.read');
      const items = await compute(actor, regionPrefix, enterprise);
      // One enterprise asked for: its overrides and withdrawals too, oldest first.
      const history = enterprise && items.length ? await listActions(db, 'enterprise_class', enterprise) : undefined;
      return { items: items.map(({ sites, findings: _f, ...rest }) => ({ ...rest, sites: sites.map((s) => s.id), ...(history ? { history } : {}) })), total: items.length };
    },

    /** Sets the class by hand with a reason (class null withdraws the override); the computed class stays visible. */
    async override(actor: Principal, enterpriseId: string, cls: SupervisionClass | null, reason: string) {
      requirePermission(actor, 'enforcement.manage');
      const ent = await findEnterprise(db, enterpriseId);
      if (!ent || !canSee(actor, { regionCode: ent.region, enterpriseId: ent.id })) throw new Invalid('Unknown enterprise', [{ path: 'enterprise', message: `no enterprise ${enterpriseId} in your scope` }]);
      requirePlacement(actor, 'enforcement.manage', { regionCode: ent.region, enterpriseId: ent.id });
      const [computed] = await compute(actor, '', ent.id);
      const now = deps.now();
      const o: ClassOverride = { id: uuidv7(), region: ent.region, enterprise: ent.id, class: cls, computedClass: computed?.computedClass ?? null, reason, actorId: actor.id, actorName: actor.name, at: now, version: 1, originNode: deps.nodeId };
      await db.transaction().execute(async (tx) => {
        await insertOverride(tx, o);
        await audit(tx, actor, deps.nodeId, now, { entity: 'enterprise_class', entityId: ent.id, region: ent.region, enterprise: ent.id, op: cls ? 'override' : 'withdraw_override', fromState: computed?.class ?? null, toState: cls ?? computed?.computedClass ?? null, changes: { class: { from: computed?.class ?? null, to: cls ?? computed?.computedClass ?? null } }, reason });
      });
      deps.events.publish('record.changed', { entity: 'enterprise_class', id: ent.id, op: 'override', regionCode: ent.region, enterpriseId: ent.id });
      const [after] = await compute(actor, '', ent.id);
      const { sites, findings: _f, ...rest } = after!;
      return { ...rest, sites: sites.map((s) => s.id) };
    },

    async getRules(actor: Principal) {
      requirePermission(actor, 'enforcement.read');
      return rules();
    },

    /** Platform-wide rule values: only an administrator over every region changes them. */
    async setRules(actor: Principal, patch: unknown) {
      requirePermission(actor, 'enforcement.manage');
      if (!scopeOf(actor).all) throw new Forbidden('Class rules apply to every region; only a platform administrator changes them');
      const merged = mergeRules({ ...(await rules()), ...(patch as object) });
      const now = deps.now();
      await db.transaction().execute(async (tx) => {
        await putSetting(tx, RULES_KEY, JSON.stringify(merged), now);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'setting', entityId: RULES_KEY, op: 'update', changes: patch, originNode: deps.nodeId, at: now });
      });
      return merged;
    },
  };
}

export { LICENCE_STATES };
export type ClassService = ReturnType<typeof createClassService>;
