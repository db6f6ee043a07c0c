import { z } from 'zod';
import { PENALTY_ACTIONS, PENALTY_KINDS, PENALTY_STATES } from '../../../domain/enforcement/penalties.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { PenaltyActionRequest, PenaltyService } from '../../../services/enforcement/penalties.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionSchema, documentRef, reason, regionCode } from './common.ts';

const basis = z.strictObject({ law: z.string().trim().min(1).max(200), article: z.string().trim().min(1).max(200) });
const amount = z.number().nonnegative().max(1e10);
const ref = z.string().trim().min(1).max(100);

export const penaltySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    region: z.string(),
    enterprise: z.string().nullable(),
    site: z.string().nullable(),
    person: z.string().nullable(),
    inspection: z.string().nullable(),
    finding: z.string().nullable(),
    case: z.string().nullable(),
    kind: z.string(),
    kindLabel: z.string(),
    violation: z.string(),
    basis: z.object({ law: z.string(), article: z.string() }),
    amount: z.number().nullable(),
    paidAmount: z.number().nullable(),
    state: z.string(),
    issuerRegion: z.string(),
    decidedAt: z.number(),
    notifiedAt: z.number().nullable(),
    paidAt: z.number().nullable(),
    closedAt: z.number().nullable(),
    decidedBy: z.string().nullable(),
    actions: z.array(z.enum(PENALTY_ACTIONS)),
    version: z.number(),
    originNode: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Penalty' });

const penaltyInput = z.strictObject({
  enterprise: ref,
  person: ref.nullable().optional(),
  inspection: ref.nullable().optional(),
  finding: ref.nullable().optional(),
  case: ref.nullable().optional(),
  kind: z.enum(PENALTY_KINDS),
  violation: z.string().trim().min(1).max(5000),
  basis,
  amount: amount.nullable().optional(),
  reason: reason.optional(),
  document: documentRef,
});

const bodies = {
  notify: z.strictObject({ reason: reason.optional(), document: documentRef }),
  pay: z.strictObject({ amount: amount.optional(), reason: reason.optional(), document: documentRef }),
  appeal: z.strictObject({ reason, document: documentRef }),
  uphold: z.strictObject({ reason, document: documentRef }),
  overturn: z.strictObject({ reason, document: documentRef }),
  correct: z.strictObject({ reason, violation: z.string().trim().min(1).max(5000).optional(), basis: basis.optional(), amount: amount.nullable().optional(), document: documentRef }),
  close: z.strictObject({ reason: reason.optional(), document: documentRef }),
} as const;

const summaries: Record<(typeof PENALTY_ACTIONS)[number], string> = {
  notify: 'Serve the decision on the party (送达)',
  pay: 'Record the payment of the fine (缴纳罚款)',
  appeal: 'Record an application for review or a lawsuit (申请复议/提起诉讼)',
  uphold: 'The decision was upheld (维持)',
  overturn: 'The decision was overturned (撤销)',
  correct: 'Correct the violation, legal basis or amount, with the reason (更正); the decision keeps its number',
  close: 'Close the penalty (结案); a fine must be paid unless overturned',
};

export function penaltyRoutes(app: App, svc: PenaltyService) {
  app.get(
    '/api/v1/penalties',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Administrative penalties in my scope (行政处罚)',
        querystring: z.strictObject({
          ...paging,
          region: regionCode.optional(),
          enterprise: ref.optional(),
          person: ref.optional(),
          inspection: ref.optional(),
          case: ref.optional(),
          kind: z.enum(PENALTY_KINDS).optional(),
          state: z.enum(PENALTY_STATES).optional(),
        }),
        response: { 200: z.object({ items: z.array(penaltySchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/penalties',
    { schema: { tags: ['enforcement'], summary: 'Decide a penalty (作出行政处罚决定); numbered per issuing region and year', body: penaltyInput, response: { 201: penaltySchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.decide(who(req), req.body)),
  );

  app.get(
    '/api/v1/penalties/:id',
    { schema: { tags: ['enforcement'], summary: 'A penalty with its history', params: idParam, response: { 200: penaltySchema.extend({ history: z.array(actionSchema) }), ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  for (const action of PENALTY_ACTIONS) {
    app.post(
      `/api/v1/penalties/:id/${action}`,
      { schema: { tags: ['enforcement'], summary: summaries[action], params: idParam, body: bodies[action], response: { 200: penaltySchema, ...errors } } },
      async (req) => svc.act(who(req), req.params.id, { type: action, ...(req.body as object) } as PenaltyActionRequest),
    );
  }
}
