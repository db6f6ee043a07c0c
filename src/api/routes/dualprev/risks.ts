import { z } from 'zod';
import { KEY_OPERATIONS, RISK_LEVELS } from '../../../domain/dualprev/index.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { RiskService } from '../../../services/dualprev/risks.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { changeSchema, errors, idParam, paging } from '../../schemas.ts';
import { riskInput, riskPatch, riskReview, riskSchema, riskStatsSchema } from './schemas.ts';

const region = z.string().regex(/^\d{6}$/).optional();
const tags = ['dual prevention'];

export function riskRoutes(app: App, svc: RiskService) {
  app.get(
    '/api/v1/risks',
    {
      schema: {
        tags,
        summary: 'The risk register in my scope (风险分级管控清单), newest first',
        querystring: z.strictObject({ ...paging, site: z.string().max(100).optional(), level: z.enum(RISK_LEVELS).optional(), operation: z.enum(KEY_OPERATIONS).optional(), region }),
        response: { 200: z.object({ items: z.array(riskSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.list(who(req), { ...req.query, region: req.query.region && scopePrefix(req.query.region) }),
  );

  app.get(
    '/api/v1/risks/stats',
    { schema: { tags, summary: 'Risks by level and key operation', querystring: z.strictObject({ site: z.string().max(100).optional(), region }), response: { 200: riskStatsSchema, ...errors } } },
    async (req) => svc.stats(who(req), { site: req.query.site, region: req.query.region && scopePrefix(req.query.region) }),
  );

  app.post(
    '/api/v1/risks',
    {
      schema: {
        tags,
        summary: 'Assess a risk point by LEC (L, E, C) or the risk matrix (L, S); answers its score and level. With a client id, a repeat answers 200 with the record made first',
        body: riskInput,
        response: { 200: riskSchema, 201: riskSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await svc.create(who(req), req.body);
      return reply.code(r.created ? 201 : 200).send(r.risk);
    },
  );

  app.get('/api/v1/risks/:id', { schema: { tags, summary: 'A risk with its assessment history', params: idParam, response: { 200: riskSchema, ...errors } } }, async (req) => svc.get(who(req), req.params.id));

  app.patch(
    '/api/v1/risks/:id',
    { schema: { tags, summary: 'Edit what the risk is and how it is controlled; send the version you read', params: idParam, body: riskPatch, response: { 200: riskSchema, ...errors } } },
    async (req) => svc.update(who(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/risks/:id/review',
    { schema: { tags, summary: 'Re-assess (复评): the previous score moves into the history', params: idParam, body: riskReview, response: { 200: riskSchema, ...errors } } },
    async (req) => svc.review(who(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/risks/:id/history',
    { schema: { tags, summary: 'Change history', params: idParam, response: { 200: z.object({ items: z.array(changeSchema) }), ...errors } } },
    async (req) => ({ items: await svc.history(who(req), req.params.id) }),
  );
}
