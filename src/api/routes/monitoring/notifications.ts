import { z } from 'zod';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam } from '../../schemas.ts';

export function notificationRoutes(app: App, m: Monitoring) {
  app.get(
    '/api/v1/alarms/:id/notifications',
    { schema: { tags: ['monitoring'], summary: 'Who was told of an alarm, when and how (live push, webhook, SMS), with delivery results', params: idParam, response: { 200: z.unknown(), ...errors } } },
    async (req) => m.notifier.list(who(req), req.params.id, m.alarms),
  );
}
