import { z } from 'zod';
import type { CampaignNotice } from '../../../services/documents/campaign-notice.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { idParam } from '../../schemas.ts';
import { pdfResponse, sendPdf } from './common.ts';

export function campaignDocumentRoutes(app: App, docs: CampaignNotice) {
  app.get(
    '/api/v1/campaigns/:id/documents/notice',
    {
      schema: {
        tags: ['documents'],
        summary: "The campaign's circulated notice (考评通报) by city or county: totals, the ranked table, regions to rectify within a time limit and those commended, PDF",
        params: idParam,
        querystring: z.strictObject({ level: z.enum(['city', 'county']).default('city') }),
        response: pdfResponse,
      },
    },
    async (req, reply) => sendPdf(reply, await docs.notice(who(req), req.params.id, req.query.level)),
  );
}
