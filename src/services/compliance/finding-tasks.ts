import { createHash } from 'node:crypto';
import { requireAccess, type Principal } from '../../domain/access/policy.ts';
import { ruleById } from '../../domain/compliance/catalogue.ts';
import { NotFound } from '../../domain/errors.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findFindingTask, insertFindingTask, tasksOfFindings } from '../../store/repos/compliance/finding-tasks.ts';
import { findFinding } from '../../store/repos/compliance/findings.ts';
import { findSite } from '../../store/repos/sites.ts';
import type { CampaignService } from '../campaign/ledger-campaigns.ts';
import type { Deps } from '../context.ts';
import { presentFinding } from './present.ts';

/**
 * The task's id follows from the finding and the campaign, so that a request repeated after a
 * failure between the ledger's write and the link's finds the same task (UUIDv7-shaped, as the
 * ledger asks of ids made by a client).
 */
export function taskIdFor(findingId: string, campaignId: string): string {
  const h = createHash('sha256').update(`compliance-finding-task|${findingId}|${campaignId}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface FindingTaskView {
  campaign: string;
  campaignName: string;
  task: string;
  number: string;
  text: string;
  state: string;
  deadline: string | null;
  site: string | null;
  createdAt: number;
}

const present = (r: Awaited<ReturnType<typeof tasksOfFindings>>[number]): FindingTaskView => ({
  campaign: r.campaign_id,
  campaignName: r.campaign_name,
  task: r.task_id,
  number: r.number,
  text: r.text,
  state: r.state,
  deadline: r.deadline,
  site: r.site_id,
  createdAt: Number(r.created_at),
});

/** Findings raised as campaign tasks (转为专项整治任务), through the campaign ledger. */
export function createFindingTaskService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>) {
  const { db } = deps.store;
  let ledger: Pick<CampaignService, 'addTask'> | null = null;

  /** The tasks raised from each of these findings. */
  async function tasksOf(findingIds: readonly string[]): Promise<Map<string, FindingTaskView[]>> {
    const out = new Map<string, FindingTaskView[]>();
    for (const r of await tasksOfFindings(db, findingIds)) out.set(r.finding_id, [...(out.get(r.finding_id) ?? []), present(r)]);
    return out;
  }

  /**
   * Creates a task in the campaign for the finding, its text the rule's description unless given,
   * and records it on the finding; the same finding and campaign again give the task made first.
   */
  async function raise(actor: Principal, findingId: string, input: { campaign: string; deadline: string; text?: string | null }) {
    const f = await findFinding(db, findingId);
    if (!f) throw new NotFound(`Finding ${findingId} not found`);
    requireAccess(actor, 'campaign.manage', { regionCode: f.region_code, enterpriseId: f.enterprise_id }, 'Finding');
    if (!ledger) throw new Error('The campaign ledger is not connected to compliance');
    const linked = await findFindingTask(db, f.id, input.campaign);
    const site = f.site_id ? await findSite(db, f.site_id) : null;
    const answer = async (created: boolean) => {
      const tasks = (await tasksOf([f.id])).get(f.id) ?? [];
      const finding = { ...presentFinding({ ...(await findFinding(db, f.id))!, site_code: site?.code ?? null, site_name: site?.name ?? null }), tasks };
      return { created, task: tasks.find((t) => t.campaign === input.campaign)!, finding };
    };
    if (linked) return answer(false);
    const rule = ruleById(f.rule);
    const where = site ? `${site.code} ${site.name}` : `区域 ${f.region_code}`;
    const { task } = await ledger.addTask(actor, input.campaign, {
      id: taskIdFor(f.id, input.campaign),
      number: `合规-${f.id.slice(-6)}`,
      text: input.text?.trim() || `${rule.zh}（${where}）`,
      deadline: input.deadline,
      remarks: `合规问题 ${f.id}：${f.message}；场所 ${where}`,
    });
    const at = deps.now();
    await db.transaction().execute(async (tx) => {
      await insertFindingTask(tx, { finding_id: f.id, campaign_id: input.campaign, task_id: task.id, site_id: f.site_id, created_at: at, created_by: actor.id });
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'compliance_finding', entityId: f.id, op: 'task', changes: { campaign: input.campaign, task: task.id, site: f.site_id }, originNode: deps.nodeId, at });
    });
    deps.events.publish('record.changed', { entity: 'compliance_finding', id: f.id, op: 'task', regionCode: f.region_code, enterpriseId: f.enterprise_id });
    return answer(true);
  }

  return {
    tasksOf,
    raise,
    /** Wired once at start: the campaign ledger is made after compliance. */
    connect(campaigns: Pick<CampaignService, 'addTask'>) {
      ledger = campaigns;
    },
  };
}

export type FindingTaskService = ReturnType<typeof createFindingTaskService>;
