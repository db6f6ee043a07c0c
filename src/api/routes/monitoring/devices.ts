import { z } from 'zod';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, siteParam } from '../../schemas.ts';

const ok = { 200: z.unknown(), 201: z.unknown(), ...errors };

export function deviceRoutes(app: App, m: Monitoring) {
  app.post(
    '/api/v1/sites/:site/devices',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Issue a device credential for a site (token shown once, prefix kd_)',
        params: siteParam,
        body: z.strictObject({ name: z.string().trim().min(1).max(200), expiresAt: z.number().int().positive().nullable().optional().describe('After this instant (epoch ms) the token stops working; none: until revoked') }),
        response: ok,
      },
    },
    async (req, reply) => reply.code(201).send(await m.devices.create(who(req), req.params.site, req.body.name, req.body.expiresAt ?? null)),
  );
  app.post(
    '/api/v1/sites/:site/devices/:id/rotate',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Replace a device credential with a new token (shown once); the old token stops working at once',
        params: z.strictObject({ site: z.string().min(1).max(100), id: z.string().min(1).max(100) }),
        body: z.strictObject({ expiresAt: z.number().int().positive().nullable().optional() }),
        response: ok,
      },
    },
    async (req) => m.devices.rotate(who(req), req.params.site, req.params.id, req.body.expiresAt ?? null),
  );
  app.get(
    '/api/v1/sites/:site/devices',
    { schema: { tags: ['monitoring'], summary: 'Device credentials of a site (without tokens)', params: siteParam, response: ok } },
    async (req) => ({ items: await m.devices.list(who(req), req.params.site) }),
  );
  app.post(
    '/api/v1/sites/:site/devices/:id/revoke',
    { schema: { tags: ['monitoring'], summary: 'Revoke a device credential; its token stops working at once', params: z.strictObject({ site: z.string().min(1).max(100), id: z.string().min(1).max(100) }), response: ok } },
    async (req) => m.devices.revoke(who(req), req.params.site, req.params.id),
  );
}
