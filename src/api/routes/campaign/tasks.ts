import { z } from 'zod';
import { TASK_ACTIONS, TASK_STATES, type TaskAction } from '../../../domain/campaign/task-loop.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { CampaignLedger } from '../../../services/campaign/ledger.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { changeSchema, errors, idParam, paging } from '../../schemas.ts';
import { assignInput, assignReply, isoDate, regionCode, taskInput, taskSchema, version } from './ledger-schemas.ts';

const reason = z.string().trim().min(1).max(2000);
const note = z.string().trim().max(2000).optional();

const bodies: Record<TaskAction, z.ZodType> = {
  handle: z.strictObject({ version, note, owner: z.string().trim().max(200).nullable().optional(), deadline: isoDate.nullable().optional() }),
  publish: z.strictObject({ version, note }),
  list: z.strictObject({ version, note, supervision: z.strictObject({ by: z.string().trim().min(1).max(200), what: z.string().trim().min(1).max(2000), deadline: isoDate }) }),
  supervise: z.strictObject({ version, note }),
  visit: z.strictObject({ version, note, visit: z.strictObject({ by: z.string().trim().min(1).max(200), findings: z.string().trim().min(1).max(5000), at: z.number().int().optional() }) }),
  complete: z.strictObject({ version, note }),
  return: z.strictObject({ version, note, reason }),
  evaluate: z.strictObject({ version, note, evaluation: z.strictObject({ score: z.number().min(0).max(100).nullable().optional(), conclusion: z.string().trim().min(1).max(5000) }) }),
  circulate: z.strictObject({ version, note, notice: z.string().trim().max(5000).nullable().optional() }),
};

const summaries: Record<TaskAction, string> = {
  handle: 'Handle within a time limit (限时办理): owner and deadline',
  publish: 'Publish the information (公开信息)',
  list: 'Put under listed supervision (挂牌督办) with the supervision order: who, what, by when',
  supervise: 'Put under key supervision (重点督导)',
  visit: 'Record a key-supervision visit (督导检查)',
  complete: 'Finished: archive with its evidence (建档固化)',
  return: 'Return a finished task to be handled again, with the reason',
  evaluate: 'Evaluate (考评)',
  circulate: 'Circulate the notice (通报)',
};

export function taskRoutes(app: App, l: CampaignLedger) {
  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Campaign tasks in my scope (整治任务)',
        querystring: z.strictObject({ ...paging, campaign: z.string().max(100).optional(), state: z.enum(TASK_STATES).optional(), region: regionCode.optional(), q: z.string().trim().max(100).optional(), deadlineBefore: isoDate.optional() }),
        response: { 200: z.object({ items: z.array(taskSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return l.tasks.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Raise a task in a campaign (提出问题); the same id twice gives one task',
        body: taskInput.and(z.object({ campaign: z.string().min(1).max(100) })),
        response: { 200: taskSchema, 201: taskSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { campaign, ...input } = req.body;
      const r = await l.campaigns.addTask(who(req), campaign, input);
      return reply.code(r.created ? 201 : 200).send(await l.tasks.get(who(req), r.task.id));
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    { schema: { tags: ['campaign'], summary: 'A task with its steps and its progress by assignee', params: idParam, response: { 200: taskSchema, ...errors } } },
    async (req) => l.tasks.get(who(req), req.params.id),
  );

  app.get(
    '/api/v1/tasks/:id/history',
    { schema: { tags: ['campaign'], summary: "The task's change-log entries (who, when, what, why)", params: idParam, response: { 200: z.object({ items: z.array(changeSchema.extend({ reason: z.string().nullable() })) }), ...errors } } },
    async (req) => ({ items: await l.tasks.history(who(req), req.params.id) }),
  );

  app.post(
    '/api/v1/tasks/:id/assign',
    { schema: { tags: ['campaign'], summary: 'Assign the task to a region or enterprise below, with its own deadline (任务交办); created at the node serving the assignee', params: idParam, body: assignInput, response: { 201: assignReply, ...errors } } },
    async (req, reply) => reply.code(201).send(await l.assignments.assignTask(who(req), req.params.id, req.body)),
  );

  for (const action of TASK_ACTIONS) {
    app.post(
      `/api/v1/tasks/:id/${action}`,
      { schema: { tags: ['campaign'], summary: summaries[action], params: idParam, body: bodies[action], response: { 200: taskSchema, ...errors } } },
      async (req) => l.tasks.act(who(req), req.params.id, { action, ...(req.body as object) }),
    );
  }
}
