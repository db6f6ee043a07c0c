import { z } from 'zod';
import type { CampaignLedger } from '../../../services/campaign/ledger.ts';
import type { App } from '../../app.ts';
import { errors, paging } from '../../schemas.ts';

const listedItem = z
  .object({
    id: z.string(),
    campaign: z.string(),
    number: z.string(),
    text: z.string(),
    region: z.string(),
    regionName: z.string().nullable(),
    state: z.string(),
    stateLabel: z.string(),
    deadline: z.string().nullable(),
    supervision: z.object({ what: z.string(), deadline: z.string().nullable() }).nullable(),
    listedAt: z.number(),
    progress: z.number().nullable(),
  })
  .meta({ id: 'PublicListedItem' });

/** 公开信息: answered without login; only what the public may see. */
export function publicLedgerRoutes(app: App, l: CampaignLedger) {
  app.get(
    '/api/v1/public/listed-items',
    {
      config: { public: true },
      schema: {
        tags: ['campaign'],
        summary: 'Items under listed supervision (挂牌督办) that were published, with their progress — no login',
        security: [],
        querystring: z.strictObject(paging),
        response: { 200: z.object({ items: z.array(listedItem), total: z.number() }), ...errors },
      },
    },
    async (req) => l.public.listedItems(req.query),
  );
}
