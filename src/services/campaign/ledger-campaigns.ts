import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { findCampaign, insertCampaign, listCampaigns, type Campaign } from '../../store/repos/campaign/campaigns.ts';
import { findTask, insertTasks, maxOrdinal, type SubItem, type Task } from '../../store/repos/campaign/tasks.ts';
import type { Executor } from '../../store/db.ts';
import { audit, checkClientId, homeRegion, isDuplicateKey, type LedgerDeps } from './ledger-common.ts';

export interface TaskInput {
  id?: string;
  number: number | string;
  text: string;
  subItems?: SubItem[];
  deadline?: string | null;
  deadlineText?: string | null;
  /** Who answers for it (责任单位); the importer calls it `responsible`. */
  owner?: string | null;
  responsible?: string | null;
  remarks?: string | null;
}

export interface CampaignInput {
  id?: string;
  name: string;
  year?: number | null;
  document?: string | null;
  region?: string;
  tasks: TaskInput[];
}

/** A task as the ledger starts it: raised (提出问题), with its first step. */
export function newTask(actor: Principal, c: Campaign, input: TaskInput, ordinal: number, nodeId: string, now: number): Task {
  return {
    id: input.id ?? uuidv7(),
    campaignId: c.id,
    number: String(input.number),
    ordinal,
    text: input.text,
    subItems: input.subItems ?? [],
    deadline: input.deadline ?? null,
    deadlineText: input.deadlineText ?? null,
    owner: input.owner ?? input.responsible ?? null,
    state: 'raised',
    steps: [{ action: 'raise', from: null, to: 'raised', by: actor.name, byId: actor.id, at: now }],
    supervision: null,
    visits: [],
    escalations: [],
    evaluation: null,
    remarks: input.remarks ?? null,
    publishedAt: null,
    listedAt: null,
    remindedAt: null,
    overdueAt: null,
    region: c.region,
    enterprise: c.enterprise,
    version: 1,
    originNode: nodeId,
    createdAt: now,
    updatedAt: now,
  };
}

export function createCampaignService(deps: LedgerDeps) {
  const { db } = deps.store;

  async function visible(actor: Principal, id: string, ex: Executor = db): Promise<Campaign> {
    const c = await findCampaign(ex, id);
    if (!c || !canSee(actor, { regionCode: c.region, enterpriseId: c.enterprise })) throw new NotFound(`Campaign ${id} not found (专项整治不存在)`);
    return c;
  }

  function checkTasks(tasks: readonly TaskInput[]) {
    const seen = new Set<string>();
    tasks.forEach((t, i) => {
      checkClientId(t.id, `tasks.${i}.id`);
      const n = String(t.number);
      if (seen.has(n)) throw new Invalid('Two tasks share a number', [{ path: `tasks.${i}.number`, message: `number ${n} appears twice` }]);
      seen.add(n);
    });
  }

  return {
    visible,

    /** Saves a campaign with the reviewed tasks of its list; the same id twice gives the one campaign. */
    async create(actor: Principal, input: CampaignInput): Promise<{ created: boolean; campaign: Campaign; tasks: Task[] }> {
      const region = input.region ?? homeRegion(actor, deps);
      requirePlacement(actor, 'campaign.manage', { regionCode: region });
      if (!deps.regions.get(region)) throw new Invalid('Unknown region', [{ path: 'region', message: `${region} is not a known GB/T 2260 code` }]);
      checkClientId(input.id);
      checkTasks(input.tasks);
      if (input.id) {
        const existing = await findCampaign(db, input.id);
        if (existing) return { created: false, campaign: await visible(actor, existing.id), tasks: [] };
      }
      const now = deps.now();
      const c: Campaign = { id: input.id ?? uuidv7(), name: input.name, year: input.year ?? null, document: input.document ?? null, region, enterprise: null, createdBy: actor.name, version: 1, originNode: deps.nodeId, createdAt: now, updatedAt: now };
      const tasks = input.tasks.map((t, i) => newTask(actor, c, t, i + 1, deps.nodeId, now));
      try {
        await db.transaction().execute(async (tx) => {
          for (const t of tasks) if (await findTask(tx, t.id)) throw new Conflict(`Task id ${t.id} is taken`, [{ path: 'tasks', message: `${t.id} exists` }]);
          await insertCampaign(tx, c);
          await insertTasks(tx, tasks);
          await audit(tx, actor, deps.nodeId, now, { entity: 'campaign', entityId: c.id, op: 'create', changes: { ...c, tasks: tasks.length } });
          for (const t of tasks) await audit(tx, actor, deps.nodeId, now, { entity: 'task', entityId: t.id, op: 'create', changes: { number: t.number, text: t.text, deadline: t.deadline } });
        });
      } catch (err) {
        // The same campaign sent twice at once: the second finds the first's.
        if (input.id && isDuplicateKey(err) && (await findCampaign(db, input.id))) return { created: false, campaign: await visible(actor, input.id), tasks: [] };
        throw err;
      }
      deps.events.publish('record.changed', { entity: 'campaign', id: c.id, op: 'create', regionCode: c.region, enterpriseId: null });
      return { created: true, campaign: c, tasks };
    },

    /** Adds one task to a campaign (a problem found later: 提出问题). */
    async addTask(actor: Principal, campaignId: string, input: TaskInput): Promise<{ created: boolean; task: Task }> {
      checkClientId(input.id);
      if (input.id) {
        const existing = await findTask(db, input.id);
        if (existing) {
          if (!canSee(actor, { regionCode: existing.region, enterpriseId: existing.enterprise })) throw new Conflict(`Task id ${input.id} is taken`);
          return { created: false, task: existing };
        }
      }
      const c = await visible(actor, campaignId);
      requireAccess(actor, 'campaign.manage', { regionCode: c.region, enterpriseId: c.enterprise }, 'Campaign');
      if (c.originNode !== deps.nodeId) throw new Conflict('The campaign is kept by the level that raised it; add tasks there (请在专项行动提出的节点添加任务)', { ownedBy: c.originNode }, 'owned_elsewhere');
      const now = deps.now();
      const task = await db.transaction().execute(async (tx) => {
        const t = newTask(actor, c, input, (await maxOrdinal(tx, c.id)) + 1, deps.nodeId, now);
        await insertTasks(tx, [t]);
        await audit(tx, actor, deps.nodeId, now, { entity: 'task', entityId: t.id, op: 'create', changes: { campaign: c.id, number: t.number, text: t.text, deadline: t.deadline } });
        return t;
      });
      deps.events.publish('record.changed', { entity: 'task', id: task.id, op: 'create', regionCode: task.region, enterpriseId: null });
      return { created: true, task };
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'campaign.read');
      return visible(actor, id);
    },

    async list(actor: Principal, q: { year?: number; q?: string; limit: number; offset: number }) {
      requirePermission(actor, 'campaign.read');
      return listCampaigns(db, { ...q, scope: scopeOf(actor) });
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
