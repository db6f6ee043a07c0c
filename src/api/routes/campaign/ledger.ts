import type { CampaignLedger } from '../../../services/campaign/ledger.ts';
import type { App } from '../../app.ts';
import { campaignDocumentRoutes } from '../documents/campaign.ts';
import { assignmentRoutes } from './assignments.ts';
import { campaignRoutes } from './campaigns.ts';
import { oversightRoutes } from './oversight.ts';
import { publicLedgerRoutes } from './public.ts';
import { taskRoutes } from './tasks.ts';

/** The campaign ledger (专项整治台账): every route. */
export function campaignLedgerRoutes(app: App, l: CampaignLedger) {
  campaignRoutes(app, l);
  taskRoutes(app, l);
  assignmentRoutes(app, l);
  oversightRoutes(app, l);
  publicLedgerRoutes(app, l);
  campaignDocumentRoutes(app, l.notice);
}
