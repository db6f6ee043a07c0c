import { z } from 'zod';
import { CASE_ACTIONS, CASE_KINDS, CASE_STATES, REFERRAL_TARGETS } from '../../../domain/enforcement/cases.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { CaseActionRequest, CaseService } from '../../../services/enforcement/cases.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionSchema, documentRef, reason, regionCode } from './common.ts';

const referralSchema = z.object({
  id: z.string(),
  to: z.enum(REFERRAL_TARGETS),
  reason: z.string(),
  reference: z.string().nullable(),
  at: z.number(),
  replyDue: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.number().nullable(),
});

export const caseSchema = z
  .object({
    id: z.string(),
    region: z.string(),
    enterprise: z.string().nullable(),
    site: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    suspect: z.string().nullable(),
    state: z.string(),
    evidence: z.array(z.string()),
    referrals: z.array(referralSchema),
    pendingReferrals: z.array(referralSchema.extend({ overdue: z.boolean() })),
    outcome: z.string().nullable(),
    openedAt: z.number(),
    closedAt: z.number().nullable(),
    actions: z.array(z.enum(CASE_ACTIONS)),
    version: z.number(),
    originNode: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Case' });

const fileIds = z.array(z.string().trim().min(1).max(100)).max(100);

const caseInput = z.strictObject({
  kind: z.enum(CASE_KINDS),
  title: z.string().trim().min(1).max(200),
  region: regionCode.optional(),
  enterprise: z.string().trim().min(1).max(64).nullable().optional(),
  site: z.string().trim().min(1).max(100).nullable().optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  suspect: z.string().trim().max(500).nullable().optional(),
  evidence: fileIds.optional(),
});

const bodies = {
  investigate: z.strictObject({ reason: reason.optional(), document: documentRef }),
  refer: z.strictObject({ to: z.enum(REFERRAL_TARGETS), reason, reference: z.string().trim().max(200).nullable().optional(), document: documentRef }),
  reply: z.strictObject({ referral: z.string().max(64).optional(), reply: z.string().trim().min(1).max(5000), document: documentRef }),
  evidence: z.strictObject({ files: fileIds.min(1), reason: reason.optional(), document: documentRef }),
  close: z.strictObject({ reason, outcome: z.string().trim().min(1).max(2000), document: documentRef }),
} as const;

const summaries: Record<(typeof CASE_ACTIONS)[number], string> = {
  investigate: 'Start the investigation (立案调查)',
  refer: 'Refer to public security, discipline inspection or natural resources (移送); the reply is tracked',
  reply: "Record a department's reply to a referral (移送反馈)",
  evidence: 'Add evidence files (补充证据)',
  close: 'Close with the outcome (结案)',
};

export function caseRoutes(app: App, svc: CaseService) {
  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Illegal-activity cases in my scope (打非治违案件)',
        querystring: z.strictObject({ ...paging, region: regionCode.optional(), enterprise: z.string().max(64).optional(), site: z.string().max(100).optional(), kind: z.enum(CASE_KINDS).optional(), state: z.enum(CASE_STATES).optional() }),
        response: { 200: z.object({ items: z.array(caseSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/cases',
    { schema: { tags: ['enforcement'], summary: 'Open a case (案件登记)', body: caseInput, response: { 201: caseSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.open(who(req), req.body)),
  );

  app.get(
    '/api/v1/cases/:id',
    { schema: { tags: ['enforcement'], summary: 'A case with its history', params: idParam, response: { 200: caseSchema.extend({ history: z.array(actionSchema) }), ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  for (const action of CASE_ACTIONS) {
    app.post(
      `/api/v1/cases/:id/${action}`,
      { schema: { tags: ['enforcement'], summary: summaries[action], params: idParam, body: bodies[action], response: { 200: caseSchema, ...errors } } },
      async (req) => svc.act(who(req), req.params.id, { type: action, ...(req.body as object) } as CaseActionRequest),
    );
  }
}
