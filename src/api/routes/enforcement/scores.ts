import { z } from 'zod';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { ScoreService } from '../../../services/enforcement/scores.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionSchema, instantInput, reason, regionCode } from './common.ts';

export const scoreSchema = z
  .object({
    id: z.string(),
    person: z.string(),
    personName: z.string().nullable(),
    region: z.string(),
    enterprise: z.string(),
    points: z.number(),
    reason: z.string(),
    basis: z.string().nullable(),
    at: z.number(),
    cycle: z.number(),
    state: z.string(),
    recordedBy: z.string().nullable(),
    version: z.number(),
    originNode: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Score' });

const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  enterprise: z.string(),
  idNumber: z.string().nullable(),
  appointedAt: z.number().nullable(),
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const cycleSchema = z.object({ cycle: z.number(), total: z.number(), events: z.number(), reassessmentDue: z.boolean() });

const scoreInput = z.strictObject({
  person: z.union([
    z.string().trim().min(1).max(64),
    z.strictObject({ name: z.string().trim().min(1).max(50), idNumber: z.string().trim().max(18).nullable().optional() }),
  ]),
  enterprise: z.string().trim().min(1).max(64),
  points: z.union([z.literal(12), z.literal(6), z.literal(3), z.literal(2)]),
  reason,
  basis: z.string().trim().max(500).nullable().optional(),
  /** When the circumstance was found; defaults to now. Decides the cycle (calendar year, China time). */
  at: instantInput.optional(),
});

export function scoreRoutes(app: App, svc: ScoreService) {
  app.get(
    '/api/v1/scores',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Scores of principal persons in my scope (主要负责人考核记分)',
        querystring: z.strictObject({ ...paging, region: regionCode.optional(), enterprise: z.string().max(64).optional(), person: z.string().max(64).optional(), cycle: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: z.object({ items: z.array(scoreSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/scores',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Score a principal person (记分): 12, 6, 3 or 2 points; a person known elsewhere is moved here with their points',
        body: scoreInput,
        response: { 201: scoreSchema.extend({ cycleTotal: z.number(), reassessmentDue: z.boolean() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.record(who(req), req.body)),
  );

  app.get(
    '/api/v1/scores/summary',
    {
      schema: {
        tags: ['enforcement'],
        summary: "Each principal person's points in the cycle (default: this year); 12 or more → re-assessment due",
        querystring: z.strictObject({ enterprise: z.string().max(64).optional(), region: regionCode.optional(), cycle: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: {
          200: z.object({ items: z.array(z.object({ person: z.string(), name: z.string(), enterprise: z.string(), cycle: z.number(), total: z.number(), events: z.number(), reassessmentDue: z.boolean() })), total: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => svc.summary(who(req), { ...req.query, region: req.query.region ? scopePrefix(req.query.region) : undefined }),
  );

  app.get(
    '/api/v1/scores/:id',
    { schema: { tags: ['enforcement'], summary: 'A score with its history', params: idParam, response: { 200: scoreSchema.extend({ history: z.array(actionSchema) }), ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.post(
    '/api/v1/scores/:id/void',
    { schema: { tags: ['enforcement'], summary: 'Void a mistaken score (撤销记分), with the reason; it stays on record', params: idParam, body: z.strictObject({ reason }), response: { 200: scoreSchema, ...errors } } },
    async (req) => svc.void(who(req), req.params.id, req.body.reason),
  );

  app.get(
    '/api/v1/persons/:id',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'A principal person: every cycle, every score, transfers',
        params: idParam,
        response: { 200: personSchema.extend({ cycles: z.array(cycleSchema), scores: z.array(scoreSchema), history: z.array(actionSchema) }), ...errors },
      },
    },
    async (req) => svc.person(who(req), req.params.id),
  );

  app.post(
    '/api/v1/persons/:id/transfer',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'The person now serves at another enterprise, carrying the cycle’s points (调任)',
        params: idParam,
        body: z.strictObject({ enterprise: z.string().trim().min(1).max(64), reason }),
        response: { 200: personSchema, ...errors },
      },
    },
    async (req) => svc.transfer(who(req), req.params.id, req.body.enterprise, req.body.reason),
  );
}
