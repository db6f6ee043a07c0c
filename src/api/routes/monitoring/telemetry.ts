import { z } from 'zod';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import { WriterBusy } from '../../../services/monitoring/writer.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errorBody } from '../../errors.ts';
import { changeSchema, errors, paging, siteParam } from '../../schemas.ts';

const ok = { 200: z.unknown(), 201: z.unknown(), ...errors };

// Readings are checked one by one in the service so that a bad one is reported, not the whole batch refused.
const body = z.object({ readings: z.array(z.unknown()).max(100_000) });
const result = z.object({ accepted: z.number(), duplicates: z.number(), rejected: z.array(z.object({ index: z.number(), reason: z.string() })) });

export function telemetryRoutes(app: App, m: Monitoring) {
  app.post(
    '/api/v1/telemetry',
    { config: { devices: true }, schema: { tags: ['monitoring'], summary: 'Post readings (device or user token); stored once per sensor and timestamp', body, response: { 200: result, 429: errors[400], ...errors } } },
    async (req, reply) => {
      try {
        return await m.ingest.ingest(who(req), req.body.readings as never[]);
      } catch (err) {
        if (err instanceof WriterBusy) {
          return reply.code(429).header('retry-after', String(err.retryAfterSec)).send(errorBody('busy', err.message));
        }
        throw err;
      }
    },
  );
  app.get(
    '/api/v1/sites/:site/status',
    { schema: { tags: ['monitoring'], summary: 'The site’s warning state now (GB 39496 §5.5.4)', params: siteParam, response: ok } },
    async (req) => m.status.site(who(req), req.params.site),
  );
  app.get(
    '/api/v1/monitoring/overview',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Every monitored site in a region: level, open alarms, offline sensors, required items without a working point; missingItem=true keeps only those missing one',
        querystring: z.strictObject({ region: z.string().regex(/^\d{6}$/).optional(), missingItem: z.enum(['true', 'false']).optional() }),
        response: ok,
      },
    },
    async (req) => ({ items: await m.status.overview(who(req), req.query.region?.replace(/(00)+$/, ''), { missingItem: req.query.missingItem === 'true' }) }),
  );
  app.get(
    '/api/v1/monitoring/settings',
    { schema: { tags: ['monitoring'], summary: 'Monitoring rule parameters with their sources', response: ok } },
    async (req) => m.settings.view(who(req)),
  );
  app.patch(
    '/api/v1/monitoring/settings',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Change monitoring rule parameters (administrators); send the version you read to be refused (409) if someone else changed them first',
        body: z.record(z.string(), z.unknown()),
        response: ok,
      },
    },
    async (req) => m.settings.update(who(req), req.body),
  );
  app.get(
    '/api/v1/monitoring/settings/history',
    { schema: { tags: ['monitoring'], summary: 'Changes to the monitoring settings, newest first (变更记录)', querystring: z.strictObject(paging), response: { 200: z.object({ items: z.array(changeSchema) }), ...errors } } },
    async (req) => ({ items: await m.settings.history(who(req), req.query.limit, req.query.offset) }),
  );
}
