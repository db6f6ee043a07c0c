import { z } from 'zod';
import type { CampaignLedger } from '../../../services/campaign/ledger.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { campaignInput, campaignSchema, clientId, isoDate, roundSchema, taskSchema } from './ledger-schemas.ts';

const evaluationSchema = z
  .object({
    campaign: z.string(),
    level: z.enum(['city', 'county']),
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        rank: z.number(),
        items: z.number(),
        completed: z.number(),
        completionRate: z.number(),
        onTime: z.number(),
        onTimeRate: z.number(),
        overdue: z.number(),
        pressureMeasures: z.number(),
      }),
    ),
  })
  .meta({ id: 'CampaignEvaluation' });

const missingSchema = z.object({
  round: roundSchema,
  overdue: z.boolean(),
  expected: z.number(),
  items: z.array(z.object({ assignment: z.string(), task: z.string(), taskNumber: z.string(), region: z.string(), regionName: z.string().nullable(), enterprise: z.string().nullable(), state: z.string(), lastReportAt: z.number().nullable() })),
});

export function campaignRoutes(app: App, l: CampaignLedger) {
  app.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Campaigns in my scope (专项整治)',
        querystring: z.strictObject({ ...paging, year: z.coerce.number().int().optional(), q: z.string().trim().max(100).optional() }),
        response: { 200: z.object({ items: z.array(campaignSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => l.campaigns.list(who(req), req.query),
  );

  app.post(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Save a campaign with the reviewed tasks the importer returned; the same id twice gives one campaign (200 the second time)',
        body: campaignInput,
        response: { 200: campaignSchema.extend({ tasks: z.number() }), 201: campaignSchema.extend({ tasks: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      const r = await l.campaigns.create(who(req), req.body);
      const total = (await l.tasks.list(who(req), { campaign: r.campaign.id, limit: 1, offset: 0 })).total;
      return reply.code(r.created ? 201 : 200).send({ ...r.campaign, tasks: total });
    },
  );

  app.get(
    '/api/v1/campaigns/:id',
    { schema: { tags: ['campaign'], summary: 'A campaign', params: idParam, response: { 200: campaignSchema, ...errors } } },
    async (req) => l.campaigns.get(who(req), req.params.id),
  );

  app.get(
    '/api/v1/campaigns/:id/tasks',
    { schema: { tags: ['campaign'], summary: "A campaign's tasks in order", params: idParam, querystring: z.strictObject(paging), response: { 200: z.object({ items: z.array(taskSchema), total: z.number() }), ...errors } } },
    async (req) => l.tasks.list(who(req), { campaign: (await l.campaigns.get(who(req), req.params.id)).id, ...req.query }),
  );

  app.post(
    '/api/v1/campaigns/:id/rounds',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Open a reporting round (按时间节点报送) with its due date; the same id twice gives one round',
        params: idParam,
        body: z.strictObject({ id: clientId, due: isoDate, title: z.string().trim().max(200).nullable().optional() }),
        response: { 200: roundSchema, 201: roundSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await l.rounds.addRound(who(req), req.params.id, req.body);
      return reply.code(r.created ? 201 : 200).send(r.round);
    },
  );

  app.get(
    '/api/v1/campaigns/:id/rounds',
    { schema: { tags: ['campaign'], summary: 'Reporting rounds', params: idParam, response: { 200: z.object({ items: z.array(roundSchema) }), ...errors } } },
    async (req) => ({ items: await l.rounds.rounds(who(req), req.params.id) }),
  );

  app.get(
    '/api/v1/campaigns/:id/rounds/:round/missing',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Who has not reported in a round (未报送)',
        params: z.strictObject({ id: z.string().min(1).max(100), round: z.coerce.number().int().min(1) }),
        response: { 200: missingSchema, ...errors },
      },
    },
    async (req) => l.rounds.missing(who(req), req.params.id, req.params.round),
  );

  app.get(
    '/api/v1/campaigns/:id/evaluation',
    { schema: { tags: ['campaign'], summary: 'Evaluation by city or county (考评): completion, on time, overdue, pressure measures, ranked', params: idParam, querystring: z.strictObject({ level: z.enum(['city', 'county']).default('city') }), response: { 200: evaluationSchema, ...errors } } },
    async (req) => l.rounds.evaluation(who(req), req.params.id, req.query.level),
  );

  app.get('/api/v1/campaigns/:id/ledger.xlsx', { schema: { tags: ['campaign'], summary: 'The ledger (台账) as an Excel workbook, streamed', params: idParam } }, async (req, reply) => {
    const { name, stream } = await l.exports.ledger(who(req), req.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(stream);
  });

  app.get('/api/v1/campaign-settings', { schema: { tags: ['campaign'], summary: 'Deadline reminders: how many days before', response: { 200: z.object({ remindDays: z.number() }), ...errors } } }, async (req) => {
    who(req);
    return l.deadlines.settings();
  });
  app.put(
    '/api/v1/campaign-settings',
    { schema: { tags: ['campaign'], summary: 'Change how many days before a deadline reminders go (platform administrators)', body: z.strictObject({ remindDays: z.number().int().min(0).max(60) }), response: { 200: z.object({ remindDays: z.number() }), ...errors } } },
    async (req) => l.deadlines.putSettings(who(req), req.body),
  );
}
