import { z } from 'zod';
import { toInstant } from '../../../domain/dualprev/index.ts';
import type { SupervisionService } from '../../../services/dualprev/supervision.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam } from '../../schemas.ts';
import { hazardSchema, instant } from './schemas.ts';

const tags = ['dual prevention'];
const version = z.number().int().positive().optional();
/** The hazard as it stands here; `pending` when the decision is on its way to the node that keeps it. */
const answer = hazardSchema.extend({ pending: z.object({ orderId: z.string(), action: z.enum(['supervise', 'accept']) }).optional() });

export function supervisionRoutes(app: App, svc: SupervisionService) {
  app.post(
    '/api/v1/hazards/:id/supervise',
    {
      schema: {
        tags,
        summary: 'List a major hazard for supervision (挂牌督办). On a hazard kept below: 202, the order on its way to the hazard’s node',
        params: idParam,
        body: z
          .strictObject({
            order: z.string().trim().max(2000).optional().describe('the supervision order’s text (督办令)'),
            note: z.string().trim().max(2000).optional().describe('older name of `order`'),
            deadline: instant.optional().describe('rectify by (default: the hazard’s deadline)'),
            body: z.string().trim().max(200).optional().describe('the supervising body (督办单位); default this node’s department'),
            version,
          })
          .nullish(),
        response: { 200: answer, 202: answer, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body ?? {};
      const r = await svc.supervise(who(req), req.params.id, { order: b.order ?? b.note, deadline: b.deadline === undefined ? undefined : toInstant(b.deadline), body: b.body, version: b.version });
      return reply.code(r.pending ? 202 : 200).send(r);
    },
  );

  app.post(
    '/api/v1/hazards/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept the close-out of a listed hazard (督办销号验收): lifts the listing. On a hazard kept below: 202, on its way',
        params: idParam,
        body: z.strictObject({ note: z.string().trim().max(2000).optional(), body: z.string().trim().max(200).optional(), version }).nullish(),
        response: { 200: answer, 202: answer, ...errors },
      },
    },
    async (req, reply) => {
      const r = await svc.accept(who(req), req.params.id, req.body ?? {});
      return reply.code(r.pending ? 202 : 200).send(r);
    },
  );
}
