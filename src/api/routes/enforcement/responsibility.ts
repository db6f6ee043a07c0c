import { z } from 'zod';
import { LEADER_LEVELS, RESPONSIBILITY_ROLES } from '../../../domain/enforcement/responsibility.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { ResponsibilityService } from '../../../services/enforcement/responsibility.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionSchema, chinaDateInput, documentRef, reason, regionCode } from './common.ts';

export const assignmentSchema = z
  .object({
    id: z.string(),
    site: z.string(),
    region: z.string(),
    enterprise: z.string().nullable(),
    role: z.string(),
    name: z.string(),
    post: z.string(),
    level: z.string().nullable(),
    phone: z.string().nullable(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    endedReason: z.string().nullable(),
    current: z.boolean(),
    version: z.number(),
    originNode: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'SiteResponsibility' });

const assignmentInput = z.strictObject({
  site: z.string().trim().min(1).max(100),
  role: z.enum(RESPONSIBILITY_ROLES),
  name: z.string().trim().min(1).max(100),
  post: z.string().trim().min(1).max(200),
  level: z.enum(LEADER_LEVELS).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  startsOn: chinaDateInput,
  endsOn: chinaDateInput.nullable().optional(),
  document: documentRef,
});

const gapSchema = z.object({
  site: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  region: z.string(),
  enterprise: z.string().nullable(),
  enterpriseName: z.string(),
  missing: z.enum(RESPONSIBILITY_ROLES),
  last: z.object({ name: z.string(), startsOn: z.string(), endsOn: z.string().nullable() }).nullable(),
});

export function responsibilityRoutes(app: App, svc: ResponsibilityService) {
  app.post(
    '/api/v1/enforcement/responsibility',
    {
      schema: {
        tags: ['enforcement'],
        summary: "Name a government leader responsible for a mine or pond (领导包保), or a pond's resident safety commissioner (派驻监管专员), for a period",
        body: assignmentInput,
        response: { 201: assignmentSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.assign(who(req), req.body)),
  );

  app.get(
    '/api/v1/enforcement/responsibility',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Responsibility assignments in my scope; current=true for those holding today',
        querystring: z.strictObject({ ...paging, region: regionCode.optional(), site: z.string().max(100).optional(), role: z.enum(RESPONSIBILITY_ROLES).optional(), current: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(assignmentSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, current, ...rest } = req.query;
      return svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined, current: current === 'true' });
    },
  );

  app.get(
    '/api/v1/enforcement/responsibility/gaps',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Underground mines and tailings ponds (not closed) without a current leader, and ponds without a current commissioner (包保责任空缺); an expired assignment is a gap',
        querystring: z.strictObject({ region: regionCode, on: chinaDateInput.optional() }),
        response: { 200: z.object({ region: z.string(), on: z.string(), items: z.array(gapSchema) }), ...errors },
      },
    },
    async (req) => svc.gaps(who(req), req.query.region, req.query.on),
  );

  app.get(
    '/api/v1/enforcement/responsibility/:id',
    { schema: { tags: ['enforcement'], summary: 'An assignment with its history', params: idParam, response: { 200: assignmentSchema.extend({ history: z.array(actionSchema) }), ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.post(
    '/api/v1/enforcement/responsibility/:id/end',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'End an assignment on a date (default today) with the reason; the record is kept',
        params: idParam,
        body: z.strictObject({ reason, endsOn: chinaDateInput.optional(), document: documentRef }),
        response: { 200: assignmentSchema, ...errors },
      },
    },
    async (req) => svc.end(who(req), req.params.id, req.body),
  );
}
