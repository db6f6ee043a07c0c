import type { Compliance } from '../../../services/compliance/index.ts';
import type { App } from '../../app.ts';
import { complianceFindingRoutes } from './findings.ts';
import { complianceRecordRoutes } from './records.ts';
import { complianceRuleRoutes } from './rules.ts';

export function complianceRoutes(app: App, c: Compliance) {
  complianceRuleRoutes(app, c);
  complianceFindingRoutes(app, c);
  complianceRecordRoutes(app, c);
}
