import { z } from 'zod';
import type { PlanService } from '../../../services/enforcement/plans.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { chinaDateInput, regionCode } from './common.ts';
import { CLASSES } from '../../../domain/enforcement/classes.ts';

const visitSchema = z.object({
  id: z.string(),
  site: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  siteKind: z.string(),
  siteStatus: z.string().nullable(),
  enterprise: z.string().nullable(),
  region: z.string(),
  class: z.string(),
  seq: z.number(),
  due: z.string(),
  kind: z.string().describe('unscheduled: added by a special period (不定期检查)'),
  reason: z.string().nullable().describe("An unscheduled visit's special period, e.g. 汛期"),
  inDepth: z.boolean().describe('An in-depth inspection (解剖式执法检查)'),
  priority: z.boolean().describe('The site has open compliance findings (重点检查); such visits are listed first'),
  reasons: z.array(z.string()).describe('Why it is a priority, in Chinese'),
});

export const planSchema = z
  .object({
    id: z.string(),
    region: z.string(),
    year: z.number(),
    quarter: z.number().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.number(),
    version: z.number(),
    originNode: z.string(),
    visits: z.array(visitSchema),
    /** In a quarter's plan: the sites whose visits fall in other quarters, with their due dates. */
    elsewhere: z.array(z.object({ site: z.string(), dues: z.array(z.string()) })),
  })
  .meta({ id: 'InspectionPlan' });

export function planRoutes(app: App, svc: PlanService) {
  app.post(
    '/api/v1/enforcement/plans',
    {
      schema: {
        tags: ['enforcement'],
        summary: "A region's enforcement plan for a year or quarter: every site not closed, visited as its class allows",
        body: z.strictObject({
          region: regionCode,
          year: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4).nullable().optional(),
          inDepth: z.array(z.string().min(1).max(100)).max(1000).nullable().optional().describe('Sites to inspect in depth (解剖式); default: each class D site once a year'),
        }),
        response: { 201: planSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.create(who(req), req.body)),
  );

  app.get(
    '/api/v1/enforcement/plans',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Enforcement plans in my scope',
        querystring: z.strictObject({ ...paging, region: regionCode.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), region: z.string(), year: z.number(), quarter: z.number().nullable(), createdBy: z.string().nullable(), createdAt: z.number() })), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.list(who(req), req.query),
  );

  app.post(
    '/api/v1/enforcement/special-periods',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'A special period of a region (特殊时段: 春节, 全国两会, 汛期 …): plans overlapping it add unscheduled visits',
        body: z.strictObject({
          region: regionCode,
          name: z.string().trim().min(1).max(50),
          from: chinaDateInput,
          to: chinaDateInput,
          extraVisits: z.partialRecord(z.enum(CLASSES), z.number().int().min(0).max(12)).nullable().optional().describe('Extra visits per site of each class; default C and D: one each'),
        }),
        response: {
          201: z.object({ id: z.string(), region: z.string(), name: z.string(), from: z.string(), to: z.string(), extraVisits: z.record(z.string(), z.number()), createdAt: z.number() }),
          ...errors,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.addSpecialPeriod(who(req), req.body)),
  );

  app.get(
    '/api/v1/enforcement/plans/:id',
    { schema: { tags: ['enforcement'], summary: 'A plan with its visits', params: idParam, response: { 200: planSchema, ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.get(
    '/api/v1/enforcement/blind-spots',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Sites not closed that no inspection reached in the period (监管盲区); dates inclusive, China time',
        querystring: z.strictObject({ region: regionCode, from: chinaDateInput, to: chinaDateInput }),
        response: {
          200: z.object({
            items: z.array(z.object({ site: z.string(), siteCode: z.string(), siteName: z.string(), kind: z.string(), status: z.string().nullable(), enterprise: z.string(), enterpriseName: z.string(), region: z.string() })),
            total: z.number(),
            sites: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (req) => svc.blindSpots(who(req), req.query.region, req.query.from, req.query.to),
  );
}
