import { z } from 'zod';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import { sensorInput, sensorPatch } from '../../../services/monitoring/sensor-inputs.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, siteParam } from '../../schemas.ts';

const ok = { 200: z.unknown(), 201: z.unknown(), 202: z.unknown(), ...errors };

const sensorParam = z.strictObject({ site: z.string().min(1).max(100), sensor: z.string().min(1).max(100) });
const instant = z.union([z.coerce.number().int(), z.iso.datetime({ offset: true })]).transform((v) => (typeof v === 'number' ? v : Date.parse(v)));

export function sensorRoutes(app: App, m: Monitoring) {
  app.get(
    '/api/v1/sites/:site/sensors',
    { schema: { tags: ['monitoring'], summary: 'Monitoring points of a site (监测点)', params: siteParam, response: ok } },
    async (req) => ({ items: await m.sensors.list(who(req), req.params.site) }),
  );
  app.post(
    '/api/v1/sites/:site/sensors',
    { schema: { tags: ['monitoring'], summary: 'Create a monitoring point; pond thresholds start from the template', params: siteParam, body: sensorInput, response: ok } },
    async (req, reply) => reply.code(201).send(await m.sensors.create(who(req), req.params.site, req.body)),
  );
  app.get(
    '/api/v1/sites/:site/sensors/:sensor',
    { schema: { tags: ['monitoring'], summary: 'A monitoring point by id or code', params: sensorParam, response: ok } },
    async (req) => (await m.sensors.get(who(req), req.params.site, req.params.sensor)).view,
  );
  app.patch(
    '/api/v1/sites/:site/sensors/:sensor',
    { schema: { tags: ['monitoring'], summary: 'Edit a monitoring point; send the version you read', params: sensorParam, body: sensorPatch, response: ok } },
    async (req, reply) => {
      const r = await m.sensors.update(who(req), req.params.site, req.params.sensor, req.body);
      // A change that weakens a regulator's thresholds waits for approval: 202 with the request.
      if ('changeRequest' in r) reply.code(202);
      return r;
    },
  );
  app.delete(
    '/api/v1/sites/:site/sensors/:sensor',
    { schema: { tags: ['monitoring'], summary: 'Retire a monitoring point (kept with its history); on a regulated point an enterprise asks the level above', params: sensorParam, response: ok } },
    async (req, reply) => {
      const r = await m.sensors.retire(who(req), req.params.site, req.params.sensor);
      if ('changeRequest' in r) reply.code(202);
      return r;
    },
  );
  app.get(
    '/api/v1/sites/:site/sensors/:sensor/readings',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Readings, raw or rolled up by step (10m, 1h, 1d)',
        params: sensorParam,
        querystring: z.strictObject({ from: instant.optional(), to: instant.optional(), step: z.string().max(10).optional(), limit: z.coerce.number().int().min(1).max(100_000).default(10_000) }),
        response: ok,
      },
    },
    async (req) => m.series.readings(who(req), req.params.site, req.params.sensor, req.query),
  );
  app.get(
    '/api/v1/sites/:site/monitoring/templates',
    { schema: { tags: ['monitoring'], summary: 'Template thresholds this pond would start from, per kind', params: siteParam, response: ok } },
    async (req) => ({ items: await m.sensors.templates(who(req), req.params.site) }),
  );
}
