import { z } from 'zod';
import { ASSIGNMENT_STATES } from '../../../domain/campaign/assignment-loop.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { CampaignLedger } from '../../../services/campaign/ledger.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { assignInput, assignmentSchema, assignReply, regionCode, version } from './ledger-schemas.ts';

const reviewed = assignmentSchema.extend({ review: z.object({ id: z.string(), decision: z.enum(['accept', 'return']), delivered: z.enum(['here', 'sent']) }) });

export function assignmentRoutes(app: App, l: CampaignLedger) {
  app.get(
    '/api/v1/assignments',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Assignments in my scope (交办任务): my own to do, and those of the levels below',
        querystring: z.strictObject({ ...paging, task: z.string().max(100).optional(), campaign: z.string().max(100).optional(), parent: z.string().max(100).optional(), state: z.enum(ASSIGNMENT_STATES).optional(), region: regionCode.optional(), enterprise: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(assignmentSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return l.assignments.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.get(
    '/api/v1/assignments/:id',
    { schema: { tags: ['campaign'], summary: 'An assignment with its reports, reviews and shares below', params: idParam, response: { 200: assignmentSchema, ...errors } } },
    async (req) => l.assignments.get(who(req), req.params.id),
  );

  app.post(
    '/api/v1/assignments/:id/assign',
    { schema: { tags: ['campaign'], summary: 'Pass the assignment on to the level below (a city to its counties, a county to its enterprises)', params: idParam, body: assignInput, response: { 201: assignReply, ...errors } } },
    async (req, reply) => reply.code(201).send(await l.assignments.passOn(who(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/assignments/:id/report',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Report progress with evidence (进展报送), at the node serving the assignee',
        params: idParam,
        body: z.strictObject({ version, progress: z.number().int().min(0).max(100), text: z.string().trim().max(5000).nullable().optional(), files: z.array(z.string().trim().min(1).max(100)).max(50).optional(), round: z.number().int().min(1).nullable().optional() }),
        response: { 200: assignmentSchema, ...errors },
      },
    },
    async (req) => l.assignments.report(who(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/assignments/:id/accept',
    { schema: { tags: ['campaign'], summary: 'Accept the reported work (验收); applied at the node that keeps the assignment', params: idParam, body: z.strictObject({ version }), response: { 200: reviewed, ...errors } } },
    async (req) => l.assignments.accept(who(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/assignments/:id/return',
    { schema: { tags: ['campaign'], summary: 'Return the reported work with the reason (退回)', params: idParam, body: z.strictObject({ version, reason: z.string().trim().min(1).max(2000) }), response: { 200: reviewed, ...errors } } },
    async (req) => l.assignments.return(who(req), req.params.id, req.body),
  );
}
