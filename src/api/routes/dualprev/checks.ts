import { z } from 'zod';
import { CHECK_FREQUENCIES, CHECK_RESULTS, CHECK_STATES, HAZARD_GRADES, toInstant } from '../../../domain/dualprev/index.ts';
import type { CheckService } from '../../../services/dualprev/checks.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { instant } from './schemas.ts';

const tags = ['dual prevention'];
const item = z.object({ key: z.string(), risk: z.string(), riskName: z.string(), text: z.string(), frequency: z.enum(CHECK_FREQUENCIES), post: z.string() });
const result = z.object({ key: z.string(), result: z.enum(CHECK_RESULTS), note: z.string().nullable().optional(), photos: z.array(z.string()).optional(), hazard: z.string().nullable().optional() });
const checkSchema = z
  .object({
    id: z.string(),
    site: z.string(),
    region: z.string(),
    enterprise: z.string(),
    frequency: z.enum(CHECK_FREQUENCIES),
    periodStart: z.number(),
    dueAt: z.number(),
    state: z.enum(CHECK_STATES),
    items: z.array(item),
    results: z.array(result).nullable(),
    completedAt: z.number().nullable(),
    completedBy: z.string().nullable(),
    completedByName: z.string().nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
    version: z.number(),
    originNode: z.string(),
  })
  .meta({ id: 'Check' });

export function checkRoutes(app: App, svc: CheckService) {
  app.get(
    '/api/v1/check-plans/:id',
    { schema: { tags, summary: 'A site’s check plan (排查计划): each control measure as a check item with its frequency and responsible post', params: idParam, response: { 200: z.object({ site: z.string(), items: z.array(item) }), ...errors } } },
    async (req) => svc.plan(who(req), req.params.id),
  );

  app.get(
    '/api/v1/checks',
    {
      schema: {
        tags,
        summary: 'Checks in my scope (排查记录), latest due first; state=missed lists those not done by their due instant (漏检)',
        querystring: z.strictObject({ ...paging, site: z.string().max(100).optional(), state: z.enum(CHECK_STATES).optional() }),
        response: { 200: z.object({ items: z.array(checkSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.list(who(req), req.query),
  );

  app.post(
    '/api/v1/checks',
    {
      schema: {
        tags,
        summary: 'Start a check of a frequency’s current period with the site’s plan items. With a client id, a repeat answers 200 with the first',
        body: z.strictObject({ id: z.string().max(36).optional(), site: z.string().min(1).max(100), frequency: z.enum(CHECK_FREQUENCIES) }),
        response: { 200: checkSchema, 201: checkSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await svc.create(who(req), req.body);
      return reply.code(r.created ? 201 : 200).send(r.check);
    },
  );

  app.get('/api/v1/checks/:id', { schema: { tags, summary: 'A check with its items and results', params: idParam, response: { 200: checkSchema, ...errors } } }, async (req) => svc.get(who(req), req.params.id));

  app.post(
    '/api/v1/checks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Complete a check (完成排查): each item’s result ok/not_ok with note and photos; an item not ok with `hazard` registers it, linked to the check',
        params: idParam,
        body: z.strictObject({
          version: z.number().int().positive().optional(),
          results: z
            .array(
              z.strictObject({
                key: z.string().min(1).max(200),
                result: z.enum(CHECK_RESULTS),
                note: z.string().trim().max(2000).nullable().optional(),
                photos: z.array(z.string().max(100)).max(20).optional(),
                hazard: z.strictObject({ description: z.string().trim().max(2000).optional(), grade: z.enum(HAZARD_GRADES), deadline: instant, criterion: z.string().max(40).nullable().optional() }).optional(),
              }),
            )
            .min(1)
            .max(500),
        }),
        response: { 200: checkSchema, ...errors },
      },
    },
    async (req) => {
      const b = req.body;
      const results = b.results.map((r) => ({ ...r, hazard: r.hazard && { ...r.hazard, deadline: toInstant(r.hazard.deadline) } }));
      return svc.complete(who(req), req.params.id, { version: b.version, results });
    },
  );
}
