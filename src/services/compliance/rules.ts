import { canSee, requirePermission, type Principal } from '../../domain/access/policy.ts';
import { diffCandidates, evaluateAll, parseParams, presentRule, resolveParams, ruleById, RULES } from '../../domain/compliance/catalogue.ts';
import { parseRiverGeoJson } from '../../domain/compliance/geodesy.ts';
import { Conflict } from '../../domain/errors.ts';
import { appendChange, listChanges } from '../../store/repos/change-log.ts';
import { findParameters, putParameters } from '../../store/repos/compliance/parameters.ts';
import { putSetting } from '../../store/repos/settings.ts';
import type { Deps } from '../context.ts';
import { requireConfigure } from './access.ts';
import { chinaDate, loadContext, riversInForce, RIVERS_SETTING, storedParams } from './context.ts';
import { presentCandidate } from './present.ts';

/** The catalogue: rules as data, their parameters changed by platform administrators, and dry runs. */
export function createRuleService(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>) {
  const { db } = deps.store;

  async function list(actor: Principal) {
    requirePermission(actor, 'compliance.read');
    const stored = await storedParams(db);
    return RULES.map((r) => {
      const s = stored.get(r.id);
      return { ...presentRule(r, s?.values), version: s?.version ?? 0, updatedAt: s?.updatedAt ?? null, updatedBy: s?.updatedBy ?? null };
    });
  }

  async function get(actor: Principal, id: string) {
    requirePermission(actor, 'compliance.read');
    const rule = ruleById(id);
    return (await list(actor)).find((r) => r.id === rule.id)!;
  }

  /** Changes some parameters of a rule, if nobody changed them since `version`; the change log keeps before and after. */
  async function setParameters(actor: Principal, id: string, body: { parameters: Record<string, unknown>; version: number; reason?: string | null }) {
    requireConfigure(actor);
    const rule = ruleById(id);
    await db.transaction().execute(async (tx) => {
      const row = await findParameters(tx, rule.id);
      const version = row?.version ?? 0;
      if (body.version !== version) throw new Conflict(`The parameters of ${rule.id} were changed by someone else (version ${version}, yours ${body.version}); reload and retry (记录已被他人修改)`, { currentVersion: version });
      const storedValues = row ? (JSON.parse(row.params) as Record<string, unknown>) : {};
      const before = resolveParams(rule, storedValues);
      const after = parseParams(rule, before, body.parameters);
      const changed = Object.keys(body.parameters).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      const at = deps.now();
      const values = { ...storedValues, ...Object.fromEntries(Object.keys(body.parameters).map((k) => [k, after[k]])) };
      if (!(await putParameters(tx, { rule_id: rule.id, params: JSON.stringify(values), version: version + 1, updated_at: at, updated_by: actor.id }, version))) {
        throw new Conflict(`The parameters of ${rule.id} were changed by someone else; reload and retry (记录已被他人修改)`);
      }
      const entry = {
        actorId: actor.id,
        actorName: actor.name,
        entity: 'compliance_rule',
        entityId: rule.id,
        op: 'parameters',
        changes: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
        originNode: deps.nodeId,
        at,
        reason: body.reason ?? null,
      };
      await appendChange(tx, entry);
    });
    return get(actor, rule.id);
  }

  /** Which findings these parameters would add and remove today, against the ones in force; nothing is saved. */
  async function preview(actor: Principal, id: string, proposed: Record<string, unknown>) {
    requirePermission(actor, 'compliance.run');
    const rule = ruleById(id);
    const today = chinaDate(deps.now());
    const now = await loadContext(db, today);
    const values = parseParams(rule, now.params(rule.id), proposed);
    const then = { ...now, params: (rid: string) => (rid === rule.id ? values : now.params(rid)) };
    const { added, removed } = diffCandidates(evaluateAll(now).candidates, evaluateAll(then).candidates);
    const mine = (c: (typeof added)[number]) => canSee(actor, { regionCode: c.region, enterpriseId: c.enterprise });
    return { rule: rule.id, today, parameters: values, added: added.filter(mine).map(presentCandidate), removed: removed.filter(mine).map(presentCandidate) };
  }

  async function history(actor: Principal, id: string, limit = 100, offset = 0) {
    requirePermission(actor, 'compliance.read');
    const rule = ruleById(id);
    return (await listChanges(db, 'compliance_rule', rule.id, limit, offset)).map((c) => ({
      at: Number(c.at),
      user: c.actor_name,
      userId: c.actor_id,
      op: c.op,
      changes: c.changes ? (JSON.parse(c.changes) as unknown) : null,
      reason: (c as { reason?: string | null }).reason ?? null,
    }));
  }

  /** The river lines the siting rule measures against: loaded here, or the shipped screening geometry. */
  async function rivers(actor: Principal) {
    requirePermission(actor, 'compliance.read');
    const g = await riversInForce(db);
    return { source: g.source, lines: g.lines.map((l) => ({ name: l.name, nameZh: l.nameZh, role: l.role, points: l.coordinates.length })) };
  }

  async function loadRivers(actor: Principal, body: { source: string; geojson: unknown }) {
    requireConfigure(actor);
    const g = parseRiverGeoJson(body.geojson, body.source);
    const at = deps.now();
    await db.transaction().execute(async (tx) => {
      await putSetting(tx, RIVERS_SETTING, JSON.stringify(body), at);
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'compliance_rule', entityId: 'yellow_river_distance', op: 'rivers', changes: { source: g.source, lines: g.lines.length }, originNode: deps.nodeId, at });
    });
    return rivers(actor);
  }

  return { list, get, setParameters, preview, history, rivers, loadRivers };
}

export type RuleService = ReturnType<typeof createRuleService>;
