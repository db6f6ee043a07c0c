import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { chinaDate } from '../../domain/enforcement/dates.ts';
import { cityCodeOf, formatKeyProblemNumber } from '../../domain/campaign/numbering.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { findKeyProblem, insertKeyProblem, listKeyProblems, nextKeyProblemSeq, updateKeyProblem, type KeyProblem } from '../../store/repos/campaign/key-problems.ts';
import { findTask } from '../../store/repos/campaign/tasks.ts';
import { findHazard } from '../../store/repos/dualprev/hazards.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import { audit, checkClientId, checkVersion, homeRegion, isDuplicateKey, type LedgerDeps } from './ledger-common.ts';

export const KEY_PROBLEM_STATES = ['open', 'resolved'] as const;

export interface KeyProblemInput {
  id?: string;
  region?: string;
  year?: number;
  title: string;
  description?: string | null;
  campaign?: string | null;
  tasks?: string[];
  sites?: string[];
  hazards?: string[];
  owner?: string | null;
  deadline?: string | null;
}

/** 重点问题清单: numbered items per region, each linked to tasks, sites and hazards. */
export function createKeyProblemService(deps: LedgerDeps) {
  const { db } = deps.store;

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<KeyProblem> {
    const k = await findKeyProblem(ex, id);
    if (!k || !canSee(actor, { regionCode: k.region, enterpriseId: k.enterprise })) throw new NotFound(`Key problem ${id} not found (重点问题不存在)`);
    return k;
  }

  async function checkLinks(actor: Principal, ex: Executor, input: KeyProblemInput) {
    for (const [i, t] of (input.tasks ?? []).entries()) {
      const task = await findTask(ex, t);
      if (!task) throw new Invalid('Unknown task', [{ path: `tasks.${i}`, message: `no task ${t}` }]);
    }
    for (const [i, h] of (input.hazards ?? []).entries()) {
      const hazard = await findHazard(ex, h);
      if (!hazard || !canSee(actor, { regionCode: hazard.region_code, enterpriseId: hazard.enterprise_id })) throw new Invalid('Unknown hazard', [{ path: `hazards.${i}`, message: `no hazard ${h} in your scope` }]);
    }
    for (const [i, s] of (input.sites ?? []).entries()) {
      const site = await findSite(ex, s);
      if (!site || !canSee(actor, { regionCode: site.region, enterpriseId: site.enterprise })) throw new Invalid('Unknown site', [{ path: `sites.${i}`, message: `no site ${s} in your scope` }]);
    }
  }

  return {
    async create(actor: Principal, input: KeyProblemInput): Promise<{ created: boolean; item: KeyProblem }> {
      checkClientId(input.id);
      if (input.id) {
        const k = await findKeyProblem(db, input.id);
        if (k) return { created: false, item: await visible(actor, k.id) };
      }
      const region = input.region ?? homeRegion(actor, deps);
      requirePlacement(actor, 'campaign.manage', { regionCode: region });
      if (!deps.regions.get(region)) throw new Invalid('Unknown region', [{ path: 'region', message: `${region} is not a known GB/T 2260 code` }]);
      const now = deps.now();
      const year = input.year ?? Number(chinaDate(now).slice(0, 4));
      try {
        const item = await db.transaction().execute(async (tx) => {
          await checkLinks(actor, tx, input);
          const seq = await nextKeyProblemSeq(tx, cityCodeOf(region), year);
          const k: KeyProblem = {
            id: input.id ?? uuidv7(),
            number: formatKeyProblemNumber(region, year, seq),
            year,
            seq,
            title: input.title,
            description: input.description ?? null,
            state: 'open',
            campaignId: input.campaign ?? null,
            taskIds: [...new Set(input.tasks ?? [])],
            siteIds: [...new Set(input.sites ?? [])],
            hazardIds: [...new Set(input.hazards ?? [])],
            owner: input.owner ?? null,
            deadline: input.deadline ?? null,
            createdBy: actor.name,
            region,
            enterprise: null,
            version: 1,
            originNode: deps.nodeId,
            createdAt: now,
            updatedAt: now,
          };
          await insertKeyProblem(tx, k);
          await audit(tx, actor, deps.nodeId, now, { entity: 'key_problem', entityId: k.id, op: 'create', changes: k });
          return k;
        });
        deps.events.publish('record.changed', { entity: 'key_problem', id: item.id, op: 'create', regionCode: item.region, enterpriseId: null });
        return { created: true, item };
      } catch (err) {
        if (input.id && isDuplicateKey(err) && (await findKeyProblem(db, input.id))) return { created: false, item: await visible(actor, input.id) };
        throw err;
      }
    },

    /** Links and state changed with the version read; the number never changes. */
    async update(actor: Principal, id: string, patch: { version: number; state?: string; title?: string; description?: string | null; tasks?: string[]; sites?: string[]; hazards?: string[]; owner?: string | null; deadline?: string | null; reason?: string | null }) {
      const before = await visible(actor, id);
      requireAccess(actor, 'campaign.manage', { regionCode: before.region }, 'Key problem');
      checkVersion('key problem', before, patch.version);
      const now = deps.now();
      const after: KeyProblem = {
        ...before,
        state: patch.state ?? before.state,
        title: patch.title ?? before.title,
        description: patch.description === undefined ? before.description : patch.description,
        taskIds: patch.tasks ? [...new Set(patch.tasks)] : before.taskIds,
        siteIds: patch.sites ? [...new Set(patch.sites)] : before.siteIds,
        hazardIds: patch.hazards ? [...new Set(patch.hazards)] : before.hazardIds,
        owner: patch.owner === undefined ? before.owner : patch.owner,
        deadline: patch.deadline === undefined ? before.deadline : patch.deadline,
        version: before.version + 1,
        updatedAt: now,
      };
      await db.transaction().execute(async (tx) => {
        await checkLinks(actor, tx, { title: after.title, tasks: patch.tasks, sites: patch.sites, hazards: patch.hazards });
        if (!(await updateKeyProblem(tx, after, before.version))) throw new Conflict('The key problem was changed by someone else; reload and retry (记录已被他人修改)');
        const { version: _v, reason: _r, ...changes } = patch;
        await audit(tx, actor, deps.nodeId, now, { entity: 'key_problem', entityId: id, op: 'update', changes, reason: patch.reason ?? null });
      });
      return after;
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'campaign.read');
      return visible(actor, id);
    },

    async list(actor: Principal, q: { region?: string; year?: number; campaign?: string; task?: string; state?: string; limit: number; offset: number }) {
      requirePermission(actor, 'campaign.read');
      return listKeyProblems(db, { ...q, scope: scopeOf(actor) });
    },
  };
}

export type KeyProblemService = ReturnType<typeof createKeyProblemService>;
