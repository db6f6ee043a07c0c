import { z } from 'zod';
import type { App } from '../app.ts';

export function systemRoutes(app: App, node: () => { id: string; level: string; region: string; regionName: string | null; name: string }) {
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
