import type { Deps } from './context.ts';
import { createMetrics } from './metrics.ts';
import { createAuthService } from './auth/auth.ts';
import { createUserService } from './users.ts';
import { createEnterpriseService } from './registry/enterprises.ts';
import { createSiteService } from './registry/sites.ts';
import { createImportService } from './registry/import.ts';
import { createMonitoring } from './monitoring/index.ts';
import { createNetwork } from './network/index.ts';
import { createThresholdTemplates } from './monitoring/threshold-templates.ts';
import { createFileService } from './files.ts';
import { createCompliance } from './compliance/index.ts';
import { createEnforcement } from './enforcement/index.ts';
import { createDualPrevention } from './dualprev/index.ts';
import { createCampaignImportService } from './campaign/import.ts';
import { createCampaignLedger } from './campaign/ledger.ts';
import { createDocuments } from './documents/index.ts';

/** Every capability's service, wired once with only the dependencies it uses. */
export function createServices(deps: Deps) {
  const enterprises = createEnterpriseService(deps);
  const sites = createSiteService(deps);
  const monitoring = createMonitoring(deps, sites);
  const dualprev = createDualPrevention(deps, sites);
  const services = {
    auth: createAuthService(deps),
    users: createUserService(deps),
    enterprises,
    sites,
    imports: createImportService({ enterprises, sites }),
    files: createFileService(deps),
    monitoring,
    // Forwarded readings' rollups go through the monitoring writer, which keeps its own buffer beside them.
    network: createNetwork(deps, monitoring.writer),
    compliance: createCompliance(deps, sites),
    // Inspection findings open hazards in the enterprise's ledger.
    enforcement: createEnforcement(deps, dualprev.hazards),
    dualprev,
    campaignImport: createCampaignImportService(),
    documents: createDocuments(deps, sites),
  };
  // Actions on alarms and decisions on change requests kept by a node below travel down to it as orders.
  monitoring.connect(services.network);
  // Findings about sites kept by a node below open their hazards there as `hazard.open` orders.
  services.enforcement.connect(services.network);
  // Listed supervision of hazards kept by a node below travels down to it as `hazard.supervise` orders.
  dualprev.connect(services.network);
  // Registers its order handlers (task.assign, task.review) and its deadline job.
  const campaignLedger = createCampaignLedger(deps, services.network);
  // Findings are raised as campaign tasks through the ledger.
  services.compliance.findingTasks.connect(campaignLedger.campaigns);
  return {
    ...services,
    thresholdTemplates: createThresholdTemplates(deps, services.network.directives),
    metrics: createMetrics(deps, services),
    campaignLedger,
  };
}

export type Services = ReturnType<typeof createServices>;
