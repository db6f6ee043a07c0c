import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import { createHazardCandidates } from './candidates.ts';
import { createCheckService } from './checks.ts';
import { createHazardExport } from './export.ts';
import { createCriteriaService } from './criteria.ts';
import { createHazardService } from './hazards.ts';
import { createOverdueJob } from './overdue-job.ts';
import { createRiskMapService } from './risk-map.ts';
import { createRiskService } from './risks.ts';
import { createDualPrevSettings } from './settings.ts';
import { createSupervision, type SupervisionNetwork } from './supervision.ts';

/** Dual prevention (双重预防): the risk register, the hazard ledger and its overdue escalation. */
export function createDualPrevention(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'scheduler' | 'config' | 'regions'>, sites: SiteService) {
  const settings = createDualPrevSettings(deps);
  const overdue = createOverdueJob(deps, settings);
  const criteria = createCriteriaService(deps);
  const supervision = createSupervision(deps);
  const hazards = createHazardService(deps, sites, criteria);
  const checks = createCheckService(deps, sites, hazards);
  return {
    settings,
    criteria,
    risks: createRiskService(deps, sites, settings),
    /** The four-colour risk map of a site. */
    riskMap: createRiskMapService(deps, sites),
    hazards,
    /** Hazard investigation (隐患排查): check plans from the control measures, and the checks due. */
    checks,
    /** The ledger and its statistics as Excel workbooks, streamed. */
    exports: createHazardExport(deps.store.db, hazards),
    /** Alarms that suggest a major hazard, and their registration (监测预警转隐患). */
    candidates: createHazardCandidates(deps, sites, hazards),
    /** Listed supervision (挂牌督办) and its acceptance, sent to the hazard's node as orders. */
    supervision,
    /** Registers the `hazard.supervise` and `hazard.accept` order handlers (at start, once). */
    connect(n: SupervisionNetwork) {
      supervision.connect(n);
    },
    /** Runs the overdue escalation now (the scheduler runs it every hour). */
    escalateOverdue: (now = deps.now()) => overdue(now),
    start() {
      // Checks are generated just after midnight, China time, for the periods that begin then.
      deps.scheduler.register({ name: 'dualprev.checks', cron: '3 0 * * *', run: async () => void (await checks.generate(deps.now())) });
      deps.scheduler.register({ name: 'dualprev.overdue', cron: '7 * * * *', run: async () => void (await overdue(deps.now())) });
    },
  };
}

export type DualPrevention = ReturnType<typeof createDualPrevention>;
