import { z } from 'zod';
import type { RegionIndex } from '../../domain/regions/regions.ts';
import { listRegions } from '../../services/regions.ts';
import type { App } from '../app.ts';
import { errors } from '../schemas.ts';

const regionSchema = z.object({ code: z.string(), name: z.string(), level: z.string(), parent: z.string().nullable() }).meta({ id: 'Region' });

export function regionRoutes(app: App, regions: RegionIndex, root: string) {
  app.get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['registry'],
        summary: 'Administrative divisions (GB/T 2260): the children of `parent`, or the node\'s own region and all below with `all=1`',
        querystring: z.strictObject({
          parent: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code').optional(),
          all: z.enum(['0', '1', 'true', 'false']).optional(),
        }),
        response: { 200: z.array(regionSchema), ...errors },
      },
    },
    async (req) => listRegions(regions, root, { parent: req.query.parent, all: req.query.all === '1' || req.query.all === 'true' }),
  );
}
