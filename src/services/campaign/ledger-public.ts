import { TASK_STATE_LABELS, type TaskState } from '../../domain/campaign/task-loop.ts';
import { assignmentsOfTasks } from '../../store/repos/campaign/assignments.ts';
import { findCampaign } from '../../store/repos/campaign/campaigns.ts';
import { listPublicTasks } from '../../store/repos/campaign/tasks.ts';
import type { LedgerDeps } from './ledger-common.ts';
import type { TaskService } from './ledger-tasks.ts';

/**
 * 公开信息: what the public may see of listed supervision — published items under listed supervision
 * or beyond, with their progress. Nothing else: no evidence, no people, no phones.
 */
export function createPublicService(deps: LedgerDeps, tasks: TaskService) {
  const { db } = deps.store;
  return {
    async listedItems(q: { limit: number; offset: number }) {
      const r = await listPublicTasks(db, q.limit, q.offset);
      const assignments = await assignmentsOfTasks(db, r.items.map((t) => t.id));
      const names = new Map<string, string>();
      for (const t of r.items) if (!names.has(t.campaignId)) names.set(t.campaignId, (await findCampaign(db, t.campaignId))?.name ?? '');
      return {
        items: r.items.map((t) => {
          const sup = t.supervision as { what?: string; deadline?: string } | null;
          return {
            id: t.id,
            campaign: names.get(t.campaignId) ?? '',
            number: t.number,
            text: t.text,
            region: t.region,
            regionName: deps.regions.get(t.region)?.name ?? null,
            state: t.state,
            stateLabel: TASK_STATE_LABELS[t.state as TaskState] ?? t.state,
            deadline: t.deadline,
            supervision: sup ? { what: sup.what ?? '', deadline: sup.deadline ?? null } : null,
            listedAt: t.listedAt!,
            progress: tasks.progressOf(assignments.filter((a) => a.taskId === t.id)).progress,
          };
        }),
        total: r.total,
      };
    },
  };
}

export type PublicService = ReturnType<typeof createPublicService>;
