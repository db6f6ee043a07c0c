import { z } from 'zod';
import type { Metrics } from '../../services/metrics.ts';
import type { App } from '../app.ts';
import { who } from '../auth.ts';
import { errors } from '../schemas.ts';

export function systemRoutes(app: App, node: () => { id: string; level: string; region: string; regionName: string | null; name: string }, metrics: Metrics) {
  app.addHook('onResponse', async (req, reply) => metrics.observe(req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000));
  app.get(
    '/api/v1/metrics',
    {
      schema: {
        tags: ['system'],
        summary: "The node's figures in the Prometheus text format (ingest, writer queue, alarms, children's backlog and lag, outbox); administrators' token",
        response: { 200: z.string(), ...errors },
      },
    },
    async (req, reply) => {
      const m = await metrics.render(who(req));
      return reply.type(m.contentType).send(m.body);
    },
  );

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get(
    '/api/v1/node',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'This node: its level, region and name',
        response: { 200: z.object({ id: z.string(), level: z.string(), region: z.string(), regionName: z.string().nullable(), name: z.string() }) },
      },
    },
    async () => node(),
  );

  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
