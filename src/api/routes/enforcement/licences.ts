import { z } from 'zod';
import { LICENCE_ACTIONS, LICENCE_STATES } from '../../../domain/enforcement/licences.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { LicenceService } from '../../../services/enforcement/licences.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionSchema, chinaDateInput, documentRef, reason, regionCode } from './common.ts';

export const licenceSchema = z
  .object({
    id: z.string(),
    region: z.string(),
    enterprise: z.string(),
    site: z.string().nullable(),
    number: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string(),
    renewalFrom: z.string(),
    state: z.enum(LICENCE_STATES),
    status: z.string(),
    conditions: z.string().nullable(),
    document: z.string().nullable(),
    actions: z.array(z.enum(LICENCE_ACTIONS)),
    version: z.number(),
    originNode: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Licence' });

const licenceInput = z.strictObject({
  enterprise: z.string().trim().min(1).max(64),
  site: z.string().trim().min(1).max(100).nullable().optional(),
  number: z.string().trim().min(1).max(100),
  issuedAt: chinaDateInput,
  /** Defaults to 3 years after issue. */
  expiresAt: chinaDateInput.optional(),
  document: documentRef,
});

const flagSchema = z.object({
  site: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  enterprise: z.string(),
  enterpriseName: z.string(),
  region: z.string(),
  problem: z.string(),
  message: z.string(),
  licence: z.string().nullable(),
});

export function licenceRoutes(app: App, svc: LicenceService) {
  app.get(
    '/api/v1/licences',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Safety production licences in my scope (安全生产许可证)',
        querystring: z.strictObject({
          ...paging,
          region: regionCode.optional(),
          enterprise: z.string().max(64).optional(),
          site: z.string().max(100).optional(),
          state: z.enum(LICENCE_STATES).optional(),
          expiringWithinDays: z.coerce.number().int().min(0).max(3660).optional(),
        }),
        response: { 200: z.object({ items: z.array(licenceSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/licences',
    { schema: { tags: ['enforcement'], summary: 'Record a licence issued (颁发许可证); valid 3 years unless expiresAt says otherwise', body: licenceInput, response: { 201: licenceSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.create(who(req), req.body)),
  );

  app.get(
    '/api/v1/licences/flags',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Producing sites without a licence in force (无证生产)',
        querystring: z.strictObject({ region: regionCode.optional() }),
        response: { 200: z.object({ items: z.array(flagSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.flags(who(req), req.query.region ? scopePrefix(req.query.region) : ''),
  );

  app.get(
    '/api/v1/licences/:id',
    { schema: { tags: ['enforcement'], summary: 'A licence with its state today', params: idParam, response: { 200: licenceSchema, ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.get(
    '/api/v1/licences/:id/history',
    { schema: { tags: ['enforcement'], summary: 'What was done to a licence, with reasons and documents', params: idParam, response: { 200: z.object({ items: z.array(actionSchema) }), ...errors } } },
    async (req) => ({ items: await svc.history(who(req), req.params.id) }),
  );

  const bodies = {
    renew: z.strictObject({ expiresAt: chinaDateInput.optional(), reason: reason.optional(), document: documentRef }),
    suspend: z.strictObject({ reason, conditions: z.string().trim().min(1).max(2000), document: documentRef }),
    reinstate: z.strictObject({ reason, document: documentRef }),
    revoke: z.strictObject({ reason, document: documentRef }),
    cancel: z.strictObject({ reason, document: documentRef }),
  } as const;
  const summaries = { renew: 'Renew (延续)', suspend: 'Suspend (暂扣) with the conditions to restore', reinstate: 'Reinstate after suspension (恢复)', revoke: 'Revoke (吊销)', cancel: 'Cancel (注销)' };
  for (const action of LICENCE_ACTIONS) {
    app.post(
      `/api/v1/licences/:id/${action}`,
      { schema: { tags: ['enforcement'], summary: summaries[action], params: idParam, body: bodies[action], response: { 200: licenceSchema, ...errors } } },
      async (req) => svc.act(who(req), req.params.id, { type: action, ...(req.body as object) } as Parameters<LicenceService['act']>[2]),
    );
  }
}
