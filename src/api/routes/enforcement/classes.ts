import { z } from 'zod';
import { CLASSES } from '../../../domain/enforcement/classes.ts';
import { classItemSchema } from './supervision-schemas.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { ClassService } from '../../../services/enforcement/classes.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors } from '../../schemas.ts';
import { reason, regionCode } from './common.ts';

const count = z.number().int().min(0).max(1000);
const rulesPatch = z.strictObject({
  thresholds: z.strictObject({ D: count, C: count, B: count }).partial().optional(),
  inspectionsPerYear: z.strictObject({ A: count, B: count, C: count, D: count }).partial().optional(),
  points: z.record(z.string(), z.union([z.number(), z.record(z.string(), z.number())])).optional(),
  findingSeverity: z.record(z.string(), z.enum(['high', 'medium', 'low'])).optional().describe('Severity of each compliance rule, for the points of its open findings'),
  largeUndergroundPeople: count.optional(),
  largeUndergroundDepth: z.number().min(0).max(5000).optional(),
  source: z.string().max(2000).optional(),
  confirmed: z.boolean().optional(),
});

export function classRoutes(app: App, svc: ClassService) {
  app.get(
    '/api/v1/enforcement/classes',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Supervision class A–D of each enterprise, factor by factor (分类分级); with `enterprise`, its override history too',
        querystring: z.strictObject({ region: regionCode.optional(), enterprise: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(classItemSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.list(who(req), req.query.region ? scopePrefix(req.query.region) : '', req.query.enterprise),
  );

  app.post(
    '/api/v1/enforcement/classes/:enterprise/override',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Set the class by hand with a reason; class null withdraws the override',
        params: z.strictObject({ enterprise: z.string().min(1).max(64) }),
        body: z.strictObject({ class: z.enum(CLASSES).nullable(), reason }),
        response: { 200: classItemSchema, ...errors },
      },
    },
    async (req) => svc.override(who(req), req.params.enterprise, req.body.class, req.body.reason),
  );

  app.get(
    '/api/v1/enforcement/rules',
    { schema: { tags: ['enforcement'], summary: 'Class thresholds, factor points and inspection ceilings in force, with their source', response: { 200: z.record(z.string(), z.unknown()), ...errors } } },
    async (req) => svc.getRules(who(req)) as unknown as Record<string, unknown>,
  );

  app.put(
    '/api/v1/enforcement/rules',
    { schema: { tags: ['enforcement'], summary: 'Change class rules (platform administrators)', body: rulesPatch, response: { 200: z.record(z.string(), z.unknown()), ...errors } } },
    async (req) => svc.setRules(who(req), req.body) as unknown as Record<string, unknown>,
  );
}
