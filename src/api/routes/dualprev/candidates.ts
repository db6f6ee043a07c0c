import { z } from 'zod';
import { CANDIDATE_REASONS, toInstant } from '../../../domain/dualprev/index.ts';
import type { HazardCandidates } from '../../../services/dualprev/candidates.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors } from '../../schemas.ts';
import { hazardSchema, instant } from './schemas.ts';

const tags = ['dual prevention'];
const candidateSchema = z
  .object({
    alarm: z.string(),
    site: z.string(),
    reason: z.enum(CANDIDATE_REASONS),
    criterion: z.string().nullable().describe('the 88号 criterion pre-selected'),
    description: z.string(),
    evidence: z.object({
      alarm: z.string(),
      kind: z.string(),
      level: z.string(),
      state: z.string(),
      value: z.number().nullable(),
      message: z.string().nullable(),
      openedAt: z.number(),
      cause: z.string().nullable(),
      measures: z.string().nullable(),
      sensor: z.string().nullable(),
      sensorKind: z.string().nullable(),
      sensorCode: z.string().nullable(),
    }),
    hazard: z.string().nullable().describe('the hazard registered from this alarm, if any'),
  })
  .meta({ id: 'HazardCandidate' });

export function candidateRoutes(app: App, svc: HazardCandidates) {
  app.get(
    '/api/v1/hazard-candidates',
    {
      schema: {
        tags,
        summary: 'Alarms of a site that suggest a major hazard (监测预警转隐患): real danger, red phreatic line or freeboard/dry beach, a failing monitoring system',
        querystring: z.strictObject({ site: z.string().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(candidateSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => svc.list(who(req), req.query.site),
  );

  app.post(
    '/api/v1/hazard-candidates/:alarmId/register',
    {
      schema: {
        tags,
        summary: 'Register the major hazard an alarm suggests, criterion pre-selected and linked to the alarm: 201, or 200 with the hazard made the first time',
        params: z.strictObject({ alarmId: z.string().min(1).max(100) }),
        body: z.strictObject({ description: z.string().trim().max(2000).optional(), deadline: instant.optional(), criterion: z.string().max(40).nullable().optional() }).nullish(),
        response: { 200: hazardSchema, 201: hazardSchema, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body ?? {};
      const r = await svc.register(who(req), req.params.alarmId, { ...b, deadline: b.deadline === undefined ? undefined : toInstant(b.deadline) });
      return reply.code(r.created ? 201 : 200).send(r.hazard);
    },
  );
}
