import { z } from 'zod';
import { KEY_PROBLEM_STATES } from '../../../services/campaign/ledger-key-problems.ts';
import { PRESSURE_KINDS } from '../../../services/campaign/ledger-pressure.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { CampaignLedger } from '../../../services/campaign/ledger.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { clientId, isoDate, keyProblemSchema, pressureSchema, regionCode } from './ledger-schemas.ts';

const ids = z.array(z.string().trim().min(1).max(100)).max(200);

/** Key-problem lists (重点问题清单) and pressure measures (通报、约谈、警示、曝光). */
export function oversightRoutes(app: App, l: CampaignLedger) {
  app.get(
    '/api/v1/key-problems',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Key-problem list (重点问题清单) in my scope, by number',
        querystring: z.strictObject({ ...paging, region: regionCode.optional(), year: z.coerce.number().int().optional(), campaign: z.string().max(100).optional(), task: z.string().max(100).optional(), state: z.enum(KEY_PROBLEM_STATES).optional() }),
        response: { 200: z.object({ items: z.array(keyProblemSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return l.keyProblems.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/key-problems',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Add a key problem; numbered 晋-<city>-<year>-<seq> without gaps or repeats',
        body: z.strictObject({
          id: clientId,
          region: regionCode.optional(),
          year: z.number().int().min(2000).max(2100).optional(),
          title: z.string().trim().min(1).max(500),
          description: z.string().trim().max(5000).nullable().optional(),
          campaign: z.string().max(100).nullable().optional(),
          tasks: ids.optional(),
          sites: ids.optional(),
          hazards: ids.optional(),
          owner: z.string().trim().max(200).nullable().optional(),
          deadline: isoDate.nullable().optional(),
        }),
        response: { 200: keyProblemSchema, 201: keyProblemSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await l.keyProblems.create(who(req), req.body);
      return reply.code(r.created ? 201 : 200).send(r.item);
    },
  );

  app.get(
    '/api/v1/key-problems/:id',
    { schema: { tags: ['campaign'], summary: 'A key problem by id or number', params: idParam, response: { 200: keyProblemSchema, ...errors } } },
    async (req) => l.keyProblems.get(who(req), req.params.id),
  );

  app.patch(
    '/api/v1/key-problems/:id',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Change links, owner, deadline or state; send the version read (the number never changes)',
        params: idParam,
        body: z.strictObject({ version: z.number().int(), state: z.enum(KEY_PROBLEM_STATES).optional(), title: z.string().trim().min(1).max(500).optional(), description: z.string().trim().max(5000).nullable().optional(), tasks: ids.optional(), sites: ids.optional(), hazards: ids.optional(), owner: z.string().trim().max(200).nullable().optional(), deadline: isoDate.nullable().optional(), reason: z.string().trim().max(2000).nullable().optional() }),
        response: { 200: keyProblemSchema, ...errors },
      },
    },
    async (req) => l.keyProblems.update(who(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/pressure-measures',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Pressure measures (通报、约谈、警示、曝光) in my scope',
        querystring: z.strictObject({ ...paging, kind: z.enum(PRESSURE_KINDS).optional(), region: regionCode.optional(), enterprise: z.string().max(64).optional(), campaign: z.string().max(100).optional(), task: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(pressureSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return l.pressure.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/pressure-measures',
    {
      schema: {
        tags: ['campaign'],
        summary: 'Record a pressure measure against a region, an enterprise or a task',
        body: z.strictObject({
          id: clientId,
          kind: z.enum(PRESSURE_KINDS).describe('circular 通报 · interview 约谈 · warning 警示 · exposure 曝光'),
          region: regionCode.optional(),
          enterprise: z.string().max(64).optional(),
          task: z.string().max(100).optional(),
          campaign: z.string().max(100).optional(),
          title: z.string().trim().min(1).max(500),
          content: z.string().trim().max(5000).nullable().optional(),
          document: z.string().trim().max(200).nullable().optional(),
          at: z.number().int().optional(),
        }),
        response: { 200: pressureSchema, 201: pressureSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await l.pressure.create(who(req), req.body);
      return reply.code(r.created ? 201 : 200).send(r.item);
    },
  );

  app.get(
    '/api/v1/pressure-measures/:id',
    { schema: { tags: ['campaign'], summary: 'A pressure measure', params: idParam, response: { 200: pressureSchema, ...errors } } },
    async (req) => l.pressure.get(who(req), req.params.id),
  );
}
