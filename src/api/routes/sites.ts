import { z } from 'zod';
import { SITE_KINDS, SITE_STATUSES, sitePatch, siteInput } from '../../services/registry/inputs.ts';
import type { SiteService } from '../../services/registry/sites.ts';
import { SITE_SORTS } from '../../store/repos/sites.ts';
import { scopePrefix, type RegionIndex } from '../../domain/regions/regions.ts';
import type { App } from '../app.ts';
import { who } from '../auth.ts';
import { changeSchema, errors, paging, siteParam } from '../schemas.ts';

const n = z.number().nullable();
export const siteSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    region: z.string(),
    regionName: z.string().nullable(),
    enterprise: z.string(),
    enterpriseName: z.string().optional(),
    status: z.string().nullable(),
    minerals: z.array(z.string()),
    miningMethod: z.string().nullable(),
    designCapacity: n,
    actualCapacity: n,
    depth: n,
    peopleUnderground: n,
    standardGrade: n,
    miningLicence: z.string().nullable(),
    safetyLicence: z.string().nullable(),
    lng: n,
    lat: n,
    damType: z.string().nullable(),
    damHeight: n,
    totalStorage: n,
    crestElevation: n,
    headsUp: z.boolean().nullable(),
    residentsDistance: n,
    isNew: z.boolean().nullable(),
    grade: n,
    designStorage: n.optional(),
    designDamHeight: n.optional(),
    withoutDam: z.boolean().nullable().optional(),
    gradeRaisedReason: z.string().nullable().optional(),
    gradeDerivation: z.unknown().nullable(),
    /** Current and design grades, a review's raising with its reason, or why there is none (GB 50863 §3.3.1). */
    grading: z.unknown().nullable().optional(),
    createdAt: z.number(),
    updatedAt: z.number(),
    version: z.number(),
    originNode: z.string(),
  })
  .meta({ id: 'Site' });

export function siteRoutes(app: App, svc: SiteService, regions: RegionIndex) {
  const withRegion = <T extends { region: string }>(s: T) => ({ ...s, regionName: regions.get(s.region)?.name ?? null });

  app.get(
    '/api/v1/sites',
    {
      schema: {
        tags: ['registry'],
        summary: 'Mines and tailings ponds in my scope (矿山与尾矿库)',
        querystring: z.strictObject({
          ...paging,
          region: z.string().regex(/^\d{6}$/).optional(),
          enterprise: z.string().max(64).optional(),
          kind: z.enum(SITE_KINDS).optional(),
          status: z.enum(SITE_STATUSES).optional(),
          grade: z.coerce.number().int().min(1).max(5).optional(),
          q: z.string().trim().max(100).optional(),
          sort: z.enum(SITE_SORTS as [string, ...string[]]).default('name'),
        }),
        response: { 200: z.object({ items: z.array(siteSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      const r = await svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
      return { items: r.items.map(withRegion), total: r.total };
    },
  );

  app.post(
    '/api/v1/sites',
    { schema: { tags: ['registry'], summary: 'Register a mine or tailings pond (新建矿山/尾矿库)', body: siteInput, response: { 201: siteSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(withRegion(await svc.create(who(req), req.body))),
  );

  app.get(
    '/api/v1/sites/:site',
    { schema: { tags: ['registry'], summary: 'A site by id or code', params: siteParam, response: { 200: siteSchema, ...errors } } },
    async (req) => withRegion(await svc.get(who(req), req.params.site)),
  );

  app.patch(
    '/api/v1/sites/:site',
    { schema: { tags: ['registry'], summary: 'Edit a site; send the version you read', params: siteParam, body: sitePatch, response: { 200: siteSchema, ...errors } } },
    async (req) => withRegion(await svc.update(who(req), req.params.site, req.body)),
  );

  app.get(
    '/api/v1/sites/:site/history',
    { schema: { tags: ['registry'], summary: 'Edit history', params: siteParam, querystring: z.strictObject(paging), response: { 200: z.object({ items: z.array(changeSchema) }), ...errors } } },
    async (req) => ({ items: await svc.history(who(req), req.params.site, req.query.limit, req.query.offset) }),
  );
}
