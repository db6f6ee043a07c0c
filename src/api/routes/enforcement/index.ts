import type { Enforcement } from '../../../services/enforcement/index.ts';
import type { App } from '../../app.ts';
import { licenceRoutes } from './licences.ts';
import { scoreRoutes } from './scores.ts';
import { caseRoutes } from './cases.ts';
import { classRoutes } from './classes.ts';
import { inspectionRoutes } from './inspections.ts';
import { planRoutes } from './plans.ts';
import { checklistRoutes } from './checklists.ts';
import { penaltyRoutes } from './penalties.ts';
import { responsibilityRoutes } from './responsibility.ts';

export function enforcementRoutes(app: App, e: Enforcement) {
  licenceRoutes(app, e.licences);
  scoreRoutes(app, e.scores);
  caseRoutes(app, e.cases);
  classRoutes(app, e.classes);
  planRoutes(app, e.plans);
  inspectionRoutes(app, e.inspections);
  checklistRoutes(app, e.checklists);
  penaltyRoutes(app, e.penalties);
  responsibilityRoutes(app, e.responsibility);
}
