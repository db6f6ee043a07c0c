import type { Deps } from '../context.ts';
import type { HazardService } from '../dualprev/hazards.ts';
import { createLicenceService } from './licences.ts';
import { createScoreService } from './scores.ts';
import { createCaseService } from './cases.ts';
import { createClassService } from './classes.ts';
import { createInspectionService } from './inspections.ts';
import { createPlanService } from './plans.ts';
import { createChecklistService } from './checklists.ts';
import { createPenaltyService } from './penalties.ts';
import { createResponsibilityService } from './responsibility.ts';
import { hazardOpenHandler, type EnforcementNetwork } from './hazard-orders.ts';

/** Supervision and enforcement (监管执法): one service per record kind. */
export function createEnforcement(deps: Deps, hazards?: Pick<HazardService, 'report'>) {
  const classes = createClassService(deps);
  const inspections = createInspectionService(deps, hazards);
  return {
    licences: createLicenceService(deps),
    scores: createScoreService(deps),
    cases: createCaseService(deps),
    classes,
    plans: createPlanService(deps, classes),
    inspections,
    checklists: createChecklistService(deps),
    /** Findings about sites kept below travel down as `hazard.open` orders; this node applies those sent to it. */
    connect(n: EnforcementNetwork) {
      n.orders.register(hazardOpenHandler(deps));
      inspections.connect(n);
    },
    penalties: createPenaltyService(deps),
    responsibility: createResponsibilityService(deps),
  };
}

export type Enforcement = ReturnType<typeof createEnforcement>;
