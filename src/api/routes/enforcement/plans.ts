import { z } from 'zod';
import type { PlanService } from '../../../services/enforcement/plans.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { chinaDateInput, regionCode } from './common.ts';
import { CLASSES } from '../../../domain/enforcement/classes.ts';
import { blindSpotsSchema, planListSchema, planSchema, specialPeriodSchema } from './supervision-schemas.ts';

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
        response: { 200: planListSchema, ...errors },
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
        response: { 201: specialPeriodSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.addSpecialPeriod(who(req), req.body)),
  );

  app.get(
    '/api/v1/enforcement/special-periods',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Special periods in my scope, under a region if given, latest first',
        querystring: z.strictObject({ ...paging, region: regionCode.optional() }),
        response: { 200: z.object({ items: z.array(specialPeriodSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.specialPeriods(who(req), req.query),
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
          200: blindSpotsSchema,
          ...errors,
        },
      },
    },
    async (req) => svc.blindSpots(who(req), req.query.region, req.query.from, req.query.to),
  );
}
