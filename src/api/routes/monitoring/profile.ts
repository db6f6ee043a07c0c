import { z } from 'zod';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, siteParam } from '../../schemas.ts';

const ok = { 200: z.unknown(), ...errors };

/** A pond's monitoring profile: wet or dry storage (湿式/干式), which sets its required items (GB 39496-2020 §5.5.2). */
export function profileRoutes(app: App, m: Monitoring) {
  app.get(
    '/api/v1/sites/:site/monitoring-profile',
    { schema: { tags: ['monitoring'], summary: 'Wet or dry storage and the required monitoring items it gives, with their source', params: siteParam, response: ok } },
    async (req) => m.profiles.get(who(req), req.params.site),
  );
  app.put(
    '/api/v1/sites/:site/monitoring-profile',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Set whether the pond stores tailings wet or dry (湿式/干式)',
        params: siteParam,
        body: z.strictObject({ storage: z.enum(['wet', 'dry']) }),
        response: ok,
      },
    },
    async (req) => m.profiles.set(who(req), req.params.site, req.body.storage),
  );
}
