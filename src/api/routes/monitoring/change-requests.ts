import { z } from 'zod';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';

const ok = { 200: z.unknown(), 202: z.unknown(), ...errors };

/** A decision on a request kept by a node below is on its way there: 202 with `pending`. */
const answer = <T extends object>(reply: { code(c: number): unknown }, r: T): T => {
  if ('pending' in r && r.pending) reply.code(202);
  return r;
};

/** Change requests (变更申请): an enterprise's weakening of regulated monitoring, decided by the level above. */
export function changeRequestRoutes(app: App, m: Monitoring) {
  const base = '/api/v1/monitoring/change-requests';
  app.get(
    base,
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Change requests I may see, newest first',
        querystring: z.strictObject({ ...paging, state: z.enum(['pending', 'approved', 'refused']).optional(), sensor: z.string().max(100).optional() }),
        response: ok,
      },
    },
    async (req) => m.sensors.requests.list(who(req), req.query),
  );
  app.get(`${base}/:id`, { schema: { tags: ['monitoring'], summary: 'A change request', params: idParam, response: ok } }, async (req) => m.sensors.requests.get(who(req), req.params.id));
  app.post(
    `${base}/:id/approve`,
    { schema: { tags: ['monitoring'], summary: 'Approve and apply the change (the supervising level)', params: idParam, body: z.strictObject({}).optional(), response: ok } },
    async (req, reply) => answer(reply, await m.sensors.requests.approve(who(req), req.params.id)),
  );
  app.post(
    `${base}/:id/refuse`,
    { schema: { tags: ['monitoring'], summary: 'Refuse with a reason; the sensor stays as it is', params: idParam, body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }), response: ok } },
    async (req, reply) => answer(reply, await m.sensors.requests.refuse(who(req), req.params.id, req.body.reason)),
  );
}
