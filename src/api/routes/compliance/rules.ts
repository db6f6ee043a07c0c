import { z } from 'zod';
import type { Compliance } from '../../../services/compliance/index.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, paging } from '../../schemas.ts';
import { parametersBody, previewBody, previewSchema, ruleParam, ruleSchema } from './schemas.ts';

const tags = ['compliance'];

export function complianceRuleRoutes(app: App, c: Compliance) {
  app.get(
    '/api/v1/compliance/rules',
    { schema: { tags, summary: 'The compliance catalogue (合规规则目录): every rule with its source, description and parameters', response: { 200: z.object({ items: z.array(ruleSchema) }), ...errors } } },
    async (req) => ({ items: await c.rules.list(who(req)) }),
  );
  app.get(
    '/api/v1/compliance/rules/:id',
    { schema: { tags, summary: 'One rule of the catalogue', params: ruleParam, response: { 200: ruleSchema, ...errors } } },
    async (req) => c.rules.get(who(req), req.params.id),
  );
  app.put(
    '/api/v1/compliance/rules/:id/parameters',
    { schema: { tags, summary: "Change a rule's parameters (administrators of the whole platform); send the version you read", params: ruleParam, body: parametersBody, response: { 200: ruleSchema, ...errors } } },
    async (req) => c.rules.setParameters(who(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/compliance/rules/:id/preview',
    { schema: { tags, summary: 'Dry run: which findings these parameters would add and remove today; nothing is saved', params: ruleParam, body: previewBody, response: { 200: previewSchema, ...errors } } },
    async (req) => c.rules.preview(who(req), req.params.id, req.body.parameters),
  );
  app.get(
    '/api/v1/compliance/rules/:id/history',
    {
      schema: {
        tags,
        summary: "Changes of a rule's parameters",
        params: ruleParam,
        querystring: z.strictObject(paging),
        response: { 200: z.object({ items: z.array(z.object({ at: z.number(), user: z.string().nullable(), userId: z.string().nullable(), op: z.string(), changes: z.unknown(), reason: z.string().nullable() })) }), ...errors },
      },
    },
    async (req) => ({ items: await c.rules.history(who(req), req.params.id, req.query.limit, req.query.offset) }),
  );
  const riversSchema = z.object({ source: z.string(), lines: z.array(z.object({ name: z.string(), nameZh: z.string().nullable(), role: z.enum(['main', 'tributary']), points: z.number() })) });
  app.get(
    '/api/v1/compliance/rivers',
    { schema: { tags, summary: 'River lines the Yellow River siting rule measures against', response: { 200: riversSchema, ...errors } } },
    async (req) => c.rules.rivers(who(req)),
  );
  const feature = z.object({ type: z.literal('Feature'), properties: z.object({ name: z.string(), nameZh: z.string().nullable(), role: z.enum(['main', 'tributary']), bufferKm: z.number() }), geometry: z.object({ type: z.string(), coordinates: z.unknown() }) });
  const collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });
  app.get(
    '/api/v1/compliance/rivers/map',
    {
      schema: {
        tags,
        summary: 'The river layer of the compliance map: the lines the siting rule measures against (GeoJSON, each with its buffer distance), the buffers as polygons, and the ponds in your scope with their yellow_river_distance findings',
        response: {
          200: z.object({
            source: z.string(),
            bufferKm: z.object({ main: z.number(), tributary: z.number() }),
            lines: collection,
            buffers: collection,
            ponds: z.array(z.object({ site: z.string(), code: z.string(), name: z.string(), lng: z.number(), lat: z.number(), isNew: z.boolean().nullable(), findings: z.array(z.object({ id: z.string(), message: z.string(), state: z.string() })) })),
          }),
          ...errors,
        },
      },
    },
    async (req) => c.riverMap.map(who(req)),
  );
  app.put(
    '/api/v1/compliance/rivers',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Load authoritative river lines (GeoJSON FeatureCollection, properties.role "main" or "tributary") in place of the shipped screening geometry',
        body: z.strictObject({ source: z.string().trim().min(1).max(500).describe('What the geometry is and where it comes from'), geojson: z.unknown() }),
        response: { 200: riversSchema, ...errors },
      },
    },
    async (req) => c.rules.loadRivers(who(req), req.body),
  );
}
