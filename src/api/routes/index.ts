import type { Deps } from '../../services/context.ts';
import type { Services } from '../../services/index.ts';
import type { App } from '../app.ts';
import { authRoutes } from './auth.ts';
import { complianceRoutes } from './compliance/index.ts';
import { campaignImportRoutes } from './campaign/import.ts';
import { campaignLedgerRoutes } from './campaign/ledger.ts';
import { enterpriseRoutes } from './enterprises.ts';
import { enforcementRoutes } from './enforcement/index.ts';
import { dualprevRoutes } from './dualprev/index.ts';
import { documentRoutes } from './documents/index.ts';
import { importRoutes } from './import.ts';
import { fileRoutes } from './files.ts';
import { monitoringRoutes } from './monitoring/index.ts';
import { thresholdTemplateRoutes } from './monitoring/threshold-templates.ts';
import { networkRoutes } from './network/index.ts';
import { regionRoutes } from './regions.ts';
import { siteRoutes } from './sites.ts';
import { systemRoutes } from './system.ts';
import { userRoutes } from './users.ts';

type NodeInfo = Parameters<typeof systemRoutes>[1];

/** Every route of the node, in one list. */
export function registerRoutes(app: App, s: Services, deps: Deps, node: NodeInfo) {
  systemRoutes(app, node, s.metrics);
  authRoutes(app, s.auth, s.users);
  userRoutes(app, s.users);
  regionRoutes(app, deps.regions, deps.config.region);
  enterpriseRoutes(app, s.enterprises, deps.regions);
  siteRoutes(app, s.sites, deps.regions);
  importRoutes(app, s.imports);
  fileRoutes(app, s.files);
  monitoringRoutes(app, s.monitoring, deps.events, (deps.config.streamHeartbeatSec ?? 15) * 1000);
  networkRoutes(app, s.network);
  thresholdTemplateRoutes(app, s.thresholdTemplates);
  complianceRoutes(app, s.compliance);
  enforcementRoutes(app, s.enforcement);
  dualprevRoutes(app, s.dualprev);
  documentRoutes(app, s.documents);
  campaignImportRoutes(app, s.campaignImport);
  campaignLedgerRoutes(app, s.campaignLedger);
}
