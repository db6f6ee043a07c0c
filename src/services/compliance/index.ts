import { requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { countFindingsSeenAt, countRunChangesInScope } from '../../store/repos/compliance/findings.ts';
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
      const { summary, ids } = await runner.run(actor, 'manual');
      return { summary: await runner.summaryFor(actor, summary, ids), findings: await runner.holdingFor(actor, ids.holding) };
    },
    /** The last run, its counts over the caller's scope: the run's change-log entries and the findings it saw. */
    async lastRun(actor: Principal) {
      requirePermission(actor, 'compliance.read');
      const r = await lastRun(deps.store.db);
      if (!r) return null;
      const startedAt = Number(r.started_at);
      const scope = scopeOf(actor);
      const counts = scope.all
        ? { added: r.added, resolved: r.resolved, reopened: r.reopened, open: r.open }
        : await (async () => {
            const [changes, open] = await Promise.all([countRunChangesInScope(deps.store.db, startedAt, scope), countFindingsSeenAt(deps.store.db, startedAt, scope)]);
            return { added: changes.get('create') ?? 0, resolved: changes.get('clear') ?? 0, reopened: changes.get('reopen') ?? 0, open };
          })();
      return { id: r.id, trigger: r.trigger, startedAt, finishedAt: Number(r.finished_at), today: r.today, ...counts, failed: r.failed ? (JSON.parse(r.failed) as unknown) : [] };
    },
  };
}

export type Compliance = ReturnType<typeof createCompliance>;
