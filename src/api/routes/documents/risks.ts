import { z } from 'zod';
import type { RiskDocuments } from '../../../services/documents/risks.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, siteParam } from '../../schemas.ts';
import { pdfResponse, publicBase, sendPdf } from './common.ts';

const publicCardSchema = z
  .object({
    id: z.string(),
    enterprise: z.string().nullable(),
    site: z.string().nullable(),
    post: z.string(),
    area: z.string().nullable(),
    name: z.string(),
    level: z.string(),
    levelLabel: z.string(),
    colour: z.string().nullable(),
    hazards: z.array(z.string()),
    accidentTypes: z.array(z.string()),
    measures: z.array(z.object({ kind: z.string(), kindLabel: z.string(), text: z.string() })),
    emergency: z.array(z.string()),
    assessedAt: z.number(),
    version: z.number(),
  })
  .meta({ id: 'PublicRiskCard' });

export function riskDocumentRoutes(app: App, docs: RiskDocuments) {
  app.get(
    '/api/v1/sites/:site/documents/risk-board',
    { schema: { tags: ['documents'], summary: "The site's risk notice board (安全风险公告栏): risk points by level under their colour bands, PDF", params: siteParam, response: pdfResponse } },
    async (req, reply) => sendPdf(reply, await docs.board(who(req), req.params.site)),
  );

  app.get(
    '/api/v1/sites/:site/documents/risk-cards',
    { schema: { tags: ['documents'], summary: "Every post risk card (岗位安全风险告知卡) of the site in one PDF, a page each", params: siteParam, response: pdfResponse } },
    async (req, reply) => sendPdf(reply, await docs.siteCards(who(req), req.params.site, publicBase(req))),
  );

  app.get(
    '/api/v1/risks/:id/documents/card',
    { schema: { tags: ['documents'], summary: 'A post risk card (岗位安全风险告知卡) with a QR code that opens its current content, PDF', params: idParam, response: pdfResponse } },
    async (req, reply) => sendPdf(reply, await docs.card(who(req), req.params.id, publicBase(req))),
  );

  app.get(
    '/api/v1/public/risk-cards/:id',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['documents'],
        summary: "A scanned risk card's current content, without a token: post, hazards, measures, emergency measures, level; no people or phones",
        security: [],
        params: idParam,
        response: { 200: publicCardSchema, 404: errors[404] },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-cache');
      return docs.publicCard(req.params.id);
    },
  );
}
