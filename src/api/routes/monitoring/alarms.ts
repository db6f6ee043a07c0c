import { z } from 'zod';
import { CAUSES, LEVELS } from '../../../domain/monitoring/index.ts';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';

const ok = { 200: z.unknown(), 201: z.unknown(), 202: z.unknown(), ...errors };

/** An action on an alarm owned below is on its way there: 202 with the alarm as it stands here and `pending`. */
const answer = <T extends object>(reply: { code(c: number): unknown }, r: T): T => {
  if ('pending' in r && r.pending) reply.code(202);
  return r;
};

const note = z.string().trim().max(2000).optional();

export function alarmRoutes(app: App, m: Monitoring) {
  app.get(
    '/api/v1/alarms',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Alarms I may see (预警), newest first',
        querystring: z.strictObject({
          ...paging,
          site: z.string().max(100).optional(),
          state: z.string().max(100).optional(),
          level: z.enum(LEVELS).optional(),
          kind: z.string().max(40).optional(),
          /** safety (the four-colour warnings), transmission (数据中断) or quality. */
          category: z.enum(['safety', 'transmission', 'quality']).optional(),
          region: z.string().regex(/^\d{6}$/).optional(),
        }),
        response: ok,
      },
    },
    async (req) => m.alarms.search(who(req), req.query),
  );
  app.get(
    '/api/v1/alarms/:id',
    { schema: { tags: ['monitoring'], summary: 'An alarm with its handling history', params: idParam, response: ok } },
    async (req) => m.alarms.get(who(req), req.params.id),
  );
  const simple = (action: 'ack' | 'verify' | 'close' | 'escalate', summary: string) =>
    app.post(
      `/api/v1/alarms/:id/${action}`,
      { schema: { tags: ['monitoring'], summary, params: idParam, body: z.strictObject({ note }).optional(), response: ok } },
      async (req, reply) => answer(reply, await m.alarms.act(who(req), req.params.id, action === 'escalate' ? { type: 'escalate' } : { type: action, note: req.body?.note })),
    );
  simple('ack', 'Answer the call (叫应): the enterprise acknowledges');
  simple('verify', 'Verify and give feedback (核查反馈): the supervising level');
  simple('close', 'Close a verified alarm');
  simple('escalate', 'Pass an unanswered alarm to the next level up');
  app.post(
    '/api/v1/alarms/:id/analyse',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Analyse (研判): real danger, equipment fault or false alarm, and the measures taken',
        params: idParam,
        body: z.strictObject({ cause: z.enum(CAUSES), measures: z.string().trim().min(1).max(4000), note }),
        response: ok,
      },
    },
    async (req, reply) => answer(reply, await m.alarms.act(who(req), req.params.id, { type: 'analyse', cause: req.body.cause, measures: req.body.measures, note: req.body.note })),
  );
  app.post(
    '/api/v1/alarms/:id/reject',
    { schema: { tags: ['monitoring'], summary: 'Send an analysis back for another look', params: idParam, body: z.strictObject({ note: z.string().trim().min(1).max(2000) }), response: ok } },
    async (req, reply) => answer(reply, await m.alarms.act(who(req), req.params.id, { type: 'reject', note: req.body.note })),
  );
  app.post(
    '/api/v1/alarms/:id/comment',
    { schema: { tags: ['monitoring'], summary: 'A remark in the alarm\'s history (an instruction from above, an answer from below)', params: idParam, body: z.strictObject({ note: z.string().trim().min(1).max(2000) }), response: ok } },
    async (req, reply) => answer(reply, await m.alarms.act(who(req), req.params.id, { type: 'comment', note: req.body.note })),
  );
}
