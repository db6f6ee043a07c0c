import { uuidv7 } from 'uuidv7';
import { canSee, requirePermission, requirePlacement, scopeOf, unknownPlace, type Principal } from '../../domain/access/policy.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { findPressureMeasure, insertPressureMeasure, listPressureMeasures, type PressureMeasure, type PressureQuery } from '../../store/repos/campaign/pressure.ts';
import { findTask } from '../../store/repos/campaign/tasks.ts';
import { findEnterprise } from '../../store/repos/enterprises.ts';
import { audit, checkClientId, isDuplicateKey, type LedgerDeps } from './ledger-common.ts';

/** 通报、约谈、警示、曝光: circulated notice, interview of leaders, warning, public exposure. */
export const PRESSURE_KINDS = ['circular', 'interview', 'warning', 'exposure'] as const;
export const PRESSURE_LABELS: Record<(typeof PRESSURE_KINDS)[number], string> = { circular: '通报', interview: '约谈', warning: '警示', exposure: '曝光' };

export interface PressureInput {
  id?: string;
  kind: (typeof PRESSURE_KINDS)[number];
  region?: string;
  enterprise?: string;
  task?: string;
  campaign?: string;
  title: string;
  content?: string | null;
  document?: string | null;
  at?: number;
}

export function createPressureService(deps: LedgerDeps) {
  const { db } = deps.store;

  /** The measure sits where its target does: a task's region, an enterprise, or a region. */
  async function target(actor: Principal, input: PressureInput) {
    if (input.task) {
      const t = await findTask(db, input.task);
      if (!t) throw new Invalid('Unknown task', [{ path: 'task', message: `no task ${input.task}` }]);
      return { target: 'task', region: input.region ?? t.region, enterprise: input.enterprise ?? null, campaign: input.campaign ?? t.campaignId };
    }
    if (input.enterprise) {
      const e = await findEnterprise(db, input.enterprise);
      const named = { field: 'enterprise', id: input.enterprise } as const;
      if (!e) throw unknownPlace(named);
      requirePlacement(actor, 'campaign.manage', { regionCode: e.region, enterpriseId: e.id }, named);
      return { target: 'enterprise', region: e.region, enterprise: e.id, campaign: input.campaign ?? null };
    }
    if (!input.region || !deps.regions.get(input.region)) throw new Invalid('Say against whom: a region, an enterprise or a task', [{ path: 'region', message: 'required without enterprise or task' }]);
    return { target: 'region', region: input.region, enterprise: null, campaign: input.campaign ?? null };
  }

  return {
    async create(actor: Principal, input: PressureInput): Promise<{ created: boolean; item: PressureMeasure }> {
      requirePermission(actor, 'campaign.manage');
      checkClientId(input.id);
      if (input.id) {
        const m = await findPressureMeasure(db, input.id);
        if (m && canSee(actor, { regionCode: m.region, enterpriseId: m.enterprise })) return { created: false, item: m };
      }
      const t = await target(actor, input);
      requirePlacement(actor, 'campaign.manage', { regionCode: t.region, enterpriseId: t.enterprise });
      if (actor.enterpriseId) throw new Invalid('Pressure measures are taken by the supervising level');
      const now = deps.now();
      const m: PressureMeasure = { id: input.id ?? uuidv7(), kind: input.kind, target: t.target, campaignId: t.campaign, taskId: input.task ?? null, title: input.title, content: input.content ?? null, document: input.document ?? null, at: input.at ?? now, createdBy: actor.name, region: t.region, enterprise: t.enterprise, version: 1, originNode: deps.nodeId, createdAt: now, updatedAt: now };
      try {
        await db.transaction().execute(async (tx) => {
          await insertPressureMeasure(tx, m);
          await audit(tx, actor, deps.nodeId, now, { entity: 'pressure_measure', entityId: m.id, op: 'create', changes: m });
        });
      } catch (err) {
        if (input.id && isDuplicateKey(err)) {
          const again = await findPressureMeasure(db, input.id);
          if (again) return { created: false, item: again };
        }
        throw err;
      }
      deps.events.publish('record.changed', { entity: 'pressure_measure', id: m.id, op: 'create', regionCode: m.region, enterpriseId: m.enterprise });
      return { created: true, item: m };
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'campaign.read');
      const m = await findPressureMeasure(db, id);
      if (!m || !canSee(actor, { regionCode: m.region, enterpriseId: m.enterprise })) throw new NotFound(`Pressure measure ${id} not found`);
      return m;
    },

    async list(actor: Principal, q: Omit<PressureQuery, 'scope'>) {
      requirePermission(actor, 'campaign.read');
      return listPressureMeasures(db, { ...q, scope: scopeOf(actor) });
    },
  };
}

export type PressureService = ReturnType<typeof createPressureService>;
