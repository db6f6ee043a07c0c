import { z } from 'zod';
import { RISK_LEVELS } from '../../../domain/dualprev/index.ts';
import type { RiskMapService } from '../../../services/dualprev/risk-map.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam } from '../../schemas.ts';

const tags = ['dual prevention'];
const point = z.tuple([z.number().min(0), z.number().min(0)]);
const area = z.strictObject({ area: z.string().trim().min(1).max(200), polygon: z.array(point).min(3).max(500) });
const mapSchema = z
  .object({
    site: z.string(),
    plan: z.object({ file: z.string(), width: z.number(), height: z.number() }).nullable(),
    areas: z.array(area.extend({ level: z.enum(RISK_LEVELS).nullable(), colour: z.enum(['red', 'orange', 'yellow', 'blue']).nullable(), risks: z.number() })),
    undrawn: z.array(z.string()).describe('areas of the register not yet drawn'),
    originNode: z.string().nullable().describe('the node that drew the map and alone changes it'),
    version: z.number(),
  })
  .meta({ id: 'RiskMap' });

export function riskMapRoutes(app: App, svc: RiskMapService) {
  app.get(
    '/api/v1/sites/:id/risk-map',
    { schema: { tags, summary: 'The four-colour risk map (四色风险分布图): areas drawn on the site plan, coloured by their highest risk', params: idParam, response: { 200: mapSchema, ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );
  app.put(
    '/api/v1/sites/:id/risk-map',
    {
      schema: {
        tags,
        summary: 'Set the site plan image and the areas drawn on it (polygons in image pixels)',
        params: idParam,
        body: z.strictObject({ file: z.string().min(1).max(100), width: z.number().int().positive().max(20_000), height: z.number().int().positive().max(20_000), areas: z.array(area).max(200) }),
        response: { 200: mapSchema, ...errors },
      },
    },
    async (req) => svc.put(who(req), req.params.id, req.body),
  );
}
