import { requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { transition, type FindingAction, type FindingState } from '../../domain/compliance/findings.ts';
import { Conflict, NotFound } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findFinding, listFindings, updateFinding, type FindingQuery } from '../../store/repos/compliance/findings.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import type { FindingTaskService } from './finding-tasks.ts';
import { presentFinding } from './present.ts';

/** Findings as people see and handle them: listed in their scope, acknowledged, waived, resolved. */
export function createFindingService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>, tasks: Pick<FindingTaskService, 'tasksOf'>) {
  const { db } = deps.store;

  async function list(actor: Principal, q: Omit<FindingQuery, 'scope'>) {
    requirePermission(actor, 'compliance.read');
    // A site given by its code is looked up; one that does not exist simply matches nothing.
    const site = q.site ? ((await findSite(db, q.site))?.id ?? q.site) : undefined;
    const r = await listFindings(db, { ...q, site, scope: scopeOf(actor) });
    const raised = await tasks.tasksOf(r.items.map((f) => f.id));
    return { items: r.items.map((f) => ({ ...presentFinding(f), tasks: raised.get(f.id) ?? [] })), total: r.total };
  }

  async function get(actor: Principal, id: string) {
    requirePermission(actor, 'compliance.read');
    const r = await findFinding(db, id);
    if (!r) throw new NotFound(`Finding ${id} not found`);
    requireAccess(actor, 'compliance.read', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Finding');
    const site = r.site_id ? await findSite(db, r.site_id) : null;
    return { ...presentFinding({ ...r, site_code: site?.code ?? null, site_name: site?.name ?? null }), tasks: (await tasks.tasksOf([r.id])).get(r.id) ?? [] };
  }

  async function act(actor: Principal, id: string, action: FindingAction, body: { reason?: string | null; version?: number }) {
    const at = deps.now();
    const after = await db.transaction().execute(async (tx) => {
      const r = await findFinding(tx, id);
      if (!r) throw new NotFound(`Finding ${id} not found`);
      requireAccess(actor, 'compliance.run', { regionCode: r.region_code, enterpriseId: r.enterprise_id }, 'Finding');
      if (r.origin_node !== deps.nodeId) throw new Conflict(`Finding ${id} is kept by the node whose runs found it (${r.origin_node}); handle it there (请在发现该问题的节点处理)`, { originNode: r.origin_node }, 'owned_elsewhere');
      if (body.version !== undefined && body.version !== r.version) throw new Conflict(`The finding was changed by someone else (version ${r.version}, yours ${body.version}); reload and retry (记录已被他人修改)`, { currentVersion: r.version });
      const state = transition(r.state as FindingState, action, body.reason);
      const reason = body.reason?.trim() || null;
      const set = { state, reason, updated_at: at, updated_by: actor.id, version: r.version + 1, ...(state === 'resolved' ? { resolved_at: at } : {}) };
      if (!(await updateFinding(tx, r.id, set, r.version))) throw new Conflict('The finding was changed by someone else; reload and retry (记录已被他人修改)');
      const entry = { actorId: actor.id, actorName: actor.name, entity: 'compliance_finding', entityId: r.id, op: action, changes: { state: { from: r.state, to: state }, ...(reason ? { reason } : {}) }, originNode: deps.nodeId, at, reason };
      await appendChange(tx, entry);
      return { ...r, ...set };
    });
    deps.events.publish('record.changed', { entity: 'compliance_finding', id, op: action, regionCode: after.region_code, enterpriseId: after.enterprise_id });
    return presentFinding(after);
  }

  return { list, get, act };
}

export type FindingService = ReturnType<typeof createFindingService>;
