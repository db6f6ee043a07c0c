import { z } from 'zod';
import { FINDING_ACTIONS, FINDING_STATES } from '../../../domain/compliance/findings.ts';
import type { Compliance } from '../../../services/compliance/index.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionBody, findingSchema, findingTaskBody, findingTaskSchema, ruleId, runSummarySchema } from './schemas.ts';

const tags = ['compliance'];

export function complianceFindingRoutes(app: App, c: Compliance) {
  app.post(
    '/api/v1/compliance/run',
    { schema: { tags, summary: 'Evaluate every rule now; answers with the findings that hold, in your scope', response: { 200: z.object({ summary: runSummarySchema, findings: z.array(findingSchema) }), ...errors } } },
    async (req) => c.run(who(req)),
  );
  app.get(
    '/api/v1/compliance/runs/last',
    { schema: { tags, summary: 'The last run (daily or on demand)', response: { 200: z.object({ run: runSummarySchema.extend({ trigger: z.string(), startedAt: z.number(), finishedAt: z.number() }).nullable() }), ...errors } } },
    async (req) => ({ run: (await c.lastRun(who(req))) as never }),
  );
  app.get(
    '/api/v1/compliance/findings',
    {
      schema: {
        tags,
        summary: 'Findings in my scope (合规问题), newest first',
        querystring: z.strictObject({
          ...paging,
          region: z.string().regex(/^\d{6}$/).optional(),
          rule: ruleId.optional(),
          site: z.string().max(100).optional(),
          state: z.enum(FINDING_STATES).optional(),
        }),
        response: { 200: z.object({ items: z.array(findingSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return c.findings.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );
  app.get(
    '/api/v1/compliance/findings/:id',
    { schema: { tags, summary: 'One finding', params: idParam, response: { 200: findingSchema, ...errors } } },
    async (req) => c.findings.get(who(req), req.params.id),
  );
  const raised = z.object({ task: findingTaskSchema, finding: findingSchema });
  app.post(
    '/api/v1/compliance/findings/:id/task',
    {
      schema: {
        tags,
        summary: 'Raise the finding as a task of a campaign (转为专项整治任务); the same finding and campaign again answer the task made first (200)',
        params: idParam,
        body: findingTaskBody,
        response: { 200: raised, 201: raised, ...errors },
      },
    },
    async (req, reply) => {
      const r = await c.findingTasks.raise(who(req), req.params.id, req.body);
      return reply.code(r.created ? 201 : 200).send({ task: r.task, finding: r.finding });
    },
  );
  for (const action of FINDING_ACTIONS) {
    const what = { ack: 'Acknowledge (确认)', waive: 'Waive with a reason (豁免)', resolve: 'Mark resolved (已整改)' }[action];
    app.post(
      `/api/v1/compliance/findings/:id/${action}`,
      { schema: { tags, summary: `${what} a finding`, params: idParam, body: actionBody, response: { 200: findingSchema, ...errors } } },
      async (req) => c.findings.act(who(req), req.params.id, action, req.body ?? {}),
    );
  }
}
