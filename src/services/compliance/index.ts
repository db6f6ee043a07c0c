import { requirePermission, type Principal } from '../../domain/access/policy.ts';
import { lastRun } from '../../store/repos/compliance/runs.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import { createFindingTaskService } from './finding-tasks.ts';
import { createFindingService } from './findings.ts';
import { createRecordService } from './records.ts';
import { createRiverMap } from './river-map.ts';
import { createRuleService } from './rules.ts';
import { createRunner } from './run.ts';

/** Compliance (合规检查): the rules of the campaign run daily and on demand over the registry. */
export function createCompliance(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'scheduler'>, sites: SiteService) {
  const runner = createRunner(deps);
  const findingTasks = createFindingTaskService(deps);
  deps.scheduler.register({ name: 'compliance.daily', cron: '40 2 * * *', run: async () => void (await runner.run(null, 'schedule')) });
  return {
    rules: createRuleService(deps),
    findings: createFindingService(deps, findingTasks),
    findingTasks,
    riverMap: createRiverMap(deps),
    records: createRecordService(deps, sites),
    /** Evaluates every rule now; answers with the findings that hold, as far as the caller may see them. */
    async run(actor: Principal) {
      requirePermission(actor, 'compliance.run');
      const { holding, ...summary } = await runner.run(actor, 'manual');
      return { summary, findings: await runner.holdingFor(actor, holding) };
    },
    async lastRun(actor: Principal) {
      requirePermission(actor, 'compliance.read');
      const r = await lastRun(deps.store.db);
      return r ? { id: r.id, trigger: r.trigger, startedAt: Number(r.started_at), finishedAt: Number(r.finished_at), today: r.today, added: r.added, resolved: r.resolved, reopened: r.reopened, open: r.open, failed: r.failed ? (JSON.parse(r.failed) as unknown) : [] } : null;
    },
  };
}

export type Compliance = ReturnType<typeof createCompliance>;
