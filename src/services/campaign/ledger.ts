import { createCampaignNotice } from '../documents/campaign-notice.ts';
import type { OrderRouter } from '../network/orders.ts';
import { createAssignmentService } from './ledger-assignments.ts';
import { createCampaignService } from './ledger-campaigns.ts';
import type { LedgerDeps } from './ledger-common.ts';
import { createDeadlineService } from './ledger-deadlines.ts';
import { createLedgerExport } from './ledger-export.ts';
import { createKeyProblemService } from './ledger-key-problems.ts';
import { createPressureService } from './ledger-pressure.ts';
import { createPublicService } from './ledger-public.ts';
import { createRoundService } from './ledger-rounds.ts';
import { createTaskService } from './ledger-tasks.ts';

/**
 * The campaign ledger (专项整治台账): campaigns and tasks through the closed loop, assignments down the
 * hierarchy by orders (their progress coming back up through the outbox), key-problem lists, deadlines,
 * pressure measures, evaluation and its circulated notice (PDF), the public page and the Excel ledger.
 * Order handlers and the deadline job are registered here, when the node wires its services.
 */
export function createCampaignLedger(deps: LedgerDeps, network: { orders: OrderRouter; directives: { wake(nodes: string[]): void } }) {
  const campaigns = createCampaignService(deps);
  const tasks = createTaskService(deps);
  const rounds = createRoundService(deps, campaigns);
  return {
    campaigns,
    tasks,
    assignments: createAssignmentService(deps, network, tasks),
    keyProblems: createKeyProblemService(deps),
    pressure: createPressureService(deps),
    rounds,
    deadlines: createDeadlineService(deps),
    public: createPublicService(deps, tasks),
    exports: createLedgerExport(deps, campaigns, tasks),
    notice: createCampaignNotice(deps, campaigns, rounds),
  };
}

export type CampaignLedger = ReturnType<typeof createCampaignLedger>;
