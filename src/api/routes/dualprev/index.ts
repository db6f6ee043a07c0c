import type { DualPrevention } from '../../../services/dualprev/index.ts';
import type { App } from '../../app.ts';
import { candidateRoutes } from './candidates.ts';
import { checkRoutes } from './checks.ts';
import { hazardRoutes } from './hazards.ts';
import { dualprevReferenceRoutes } from './reference.ts';
import { riskMapRoutes } from './risk-map.ts';
import { riskRoutes } from './risks.ts';
import { supervisionRoutes } from './supervision.ts';

export function dualprevRoutes(app: App, d: DualPrevention) {
  riskRoutes(app, d.risks);
  riskMapRoutes(app, d.riskMap);
  hazardRoutes(app, d.hazards, d.exports);
  supervisionRoutes(app, d.supervision);
  checkRoutes(app, d.checks);
  candidateRoutes(app, d.candidates);
  dualprevReferenceRoutes(app, d.settings, d.criteria);
}
