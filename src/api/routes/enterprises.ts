import { z } from 'zod';
import { enterpriseInput, enterprisePatch } from '../../services/registry/inputs.ts';
import type { EnterpriseService } from '../../services/registry/enterprises.ts';
import { scopePrefix, type RegionIndex } from '../../domain/regions/regions.ts';
import type { App } from '../app.ts';
import { who } from '../auth.ts';
import { changeSchema, errors, idParam, paging } from '../schemas.ts';

const person = z.object({ name: z.string().nullable(), phone: z.string().nullable() });
export const enterpriseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string(),
    region: z.string(),
    regionName: z.string().nullable(),
    address: z.string().nullable(),
    principal: person,
    safetyOfficer: person,
    contacts: z.array(z.object({ name: z.string(), role: z.string().optional(), phone: z.string().optional() })),
    siteCount: z.number().optional(),
    createdAt: z.number(),
    updatedAt: z.number(),
    version: z.number(),
    originNode: z.string(),
  })
  .meta({ id: 'Enterprise' });

export function enterpriseRoutes(app: App, svc: EnterpriseService, regions: RegionIndex) {
  const withRegion = <T extends { region: string }>(e: T) => ({ ...e, regionName: regions.get(e.region)?.name ?? null });

  app.get(
    '/api/v1/enterprises',
    {
      schema: {
        tags: ['registry'],
        summary: 'Enterprises in my scope (企业列表)',
        querystring: z.strictObject({
          ...paging,
          region: z.string().regex(/^\d{6}$/).optional(),
          q: z.string().trim().max(100).optional(),
          sort: z.enum(['name', '-name', 'createdAt', '-createdAt', 'region', '-region']).default('name'),
        }),
        response: { 200: z.object({ items: z.array(enterpriseSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      const r = await svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
      return { items: r.items.map(withRegion), total: r.total };
    },
  );

  app.post(
    '/api/v1/enterprises',
    { schema: { tags: ['registry'], summary: 'Register an enterprise (新建企业)', body: enterpriseInput, response: { 201: enterpriseSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(withRegion(await svc.create(who(req), req.body))),
  );

  app.get(
    '/api/v1/enterprises/:id',
    { schema: { tags: ['registry'], params: idParam, response: { 200: enterpriseSchema, ...errors } } },
    async (req) => withRegion(await svc.get(who(req), req.params.id)),
  );

  app.patch(
    '/api/v1/enterprises/:id',
    { schema: { tags: ['registry'], summary: 'Edit an enterprise; send the version you read (乐观锁)', params: idParam, body: enterprisePatch, response: { 200: enterpriseSchema, ...errors } } },
    async (req) => withRegion(await svc.update(who(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/enterprises/:id/history',
    { schema: { tags: ['registry'], summary: 'Edit history (变更记录)', params: idParam, querystring: z.strictObject(paging), response: { 200: z.object({ items: z.array(changeSchema) }), ...errors } } },
    async (req) => ({ items: await svc.history(who(req), req.params.id, req.query.limit, req.query.offset) }),
  );
}
