import { z } from 'zod';
import { CHECKLIST_KINDS, CHECK_RESULTS } from '../../../domain/enforcement/checklists.ts';
import type { ChecklistService } from '../../../services/enforcement/checklists.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors } from '../../schemas.ts';
import { regionCode } from './common.ts';

const itemInput = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, '1–20 letters, digits, _ or -'),
  text: z.string().trim().min(1).max(500),
  basis: z.string().trim().min(1).max(500).describe('Legal basis (法律依据), e.g. 《金属非金属矿山安全规程》GB 16423-2020'),
  major: z.boolean().optional().describe('A major-accident hazard item (重大事故隐患)'),
});

const itemSchema = z.object({ code: z.string(), text: z.string(), basis: z.string(), major: z.boolean().optional() });

export const checklistSchema = z
  .object({
    kind: z.string(),
    region: z.string().nullable().describe('The region whose template applies; null: the starter library'),
    source: z.enum(['region', 'starter']),
    version: z.number(),
    items: z.array(itemSchema),
  })
  .meta({ id: 'ChecklistTemplate' });

export const checkedListSchema = z
  .object({
    kind: z.string(),
    version: z.number(),
    items: z.array(itemSchema.extend({ result: z.enum(CHECK_RESULTS), note: z.string().nullable() })),
    pending: z.number(),
  })
  .meta({ id: 'InspectionChecklist' });

export function checklistRoutes(app: App, svc: ChecklistService) {
  app.get(
    '/api/v1/enforcement/checklists',
    {
      schema: {
        tags: ['enforcement'],
        summary: "The checklist (检查表) for a site kind: the nearest region's template, else the starter library",
        querystring: z.strictObject({ kind: z.enum(CHECKLIST_KINDS), region: regionCode.optional() }),
        response: { 200: checklistSchema, ...errors },
      },
    },
    async (req) => svc.get(who(req), req.query.kind, req.query.region),
  );

  app.put(
    '/api/v1/enforcement/checklists/:kind',
    {
      schema: {
        tags: ['enforcement'],
        summary: "Replace a region's checklist for a site kind; version: the one read (0 for the starter)",
        params: z.strictObject({ kind: z.string().min(1).max(30).describe(`One of ${CHECKLIST_KINDS.join(', ')}`) }),
        body: z.strictObject({ region: regionCode, version: z.number().int().min(0), items: z.array(itemInput).min(1).max(100) }),
        response: { 200: checklistSchema, ...errors },
      },
    },
    async (req) => svc.put(who(req), req.params.kind, req.body),
  );
}
