import { z } from 'zod';
import { FINDING_GRADES, INSPECTION_KINDS, INSPECTION_STATES } from '../../../domain/enforcement/inspections.ts';
import { checkedListSchema } from './checklists.ts';
import { scopePrefix } from '../../../domain/regions/regions.ts';
import type { InspectionService } from '../../../services/enforcement/inspections.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, paging } from '../../schemas.ts';
import { actionSchema, chinaDateInput, instantInput, regionCode } from './common.ts';

const findingSchema = z
  .object({
    id: z.string(),
    inspection: z.string(),
    description: z.string(),
    grade: z.string(),
    deadline: z.string().nullable(),
    basis: z.string().nullable(),
    hazard: z.string().nullable(),
    verifiedAt: z.number().nullable(),
    verifiedBy: z.string().nullable(),
    verificationNote: z.string().nullable(),
    createdAt: z.number(),
  })
  .meta({ id: 'InspectionFinding' });

export const inspectionSchema = z
  .object({
    id: z.string(),
    site: z.string(),
    region: z.string(),
    enterprise: z.string().nullable(),
    kind: z.string(),
    state: z.string(),
    at: z.number(),
    inspectors: z.array(z.string()),
    notes: z.string().nullable(),
    issuerRegion: z.string(),
    recordNumber: z.string().nullable(),
    orderNumber: z.string().nullable(),
    completedAt: z.number().nullable(),
    createdBy: z.string().nullable(),
    version: z.number(),
    originNode: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: 'Inspection' });

const inspectionInput = z.strictObject({
  id: z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -; a UUID does').optional(),
  site: z.string().trim().min(1).max(100),
  kind: z.enum(INSPECTION_KINDS),
  at: instantInput.optional(),
  inspectors: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
});

export function inspectionRoutes(app: App, svc: InspectionService) {
  app.get(
    '/api/v1/inspections',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Enforcement inspections in my scope (执法检查)',
        querystring: z.strictObject({
          ...paging,
          region: regionCode.optional(),
          enterprise: z.string().max(64).optional(),
          site: z.string().max(100).optional(),
          kind: z.enum(INSPECTION_KINDS).optional(),
          state: z.enum(INSPECTION_STATES).optional(),
          from: instantInput.optional(),
          to: instantInput.optional(),
        }),
        response: { 200: z.object({ items: z.array(inspectionSchema), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return svc.list(who(req), { ...rest, region: region ? scopePrefix(region) : undefined });
    },
  );

  app.post(
    '/api/v1/inspections',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Start an inspection; with a client-made id, sending it again returns the same inspection (200)',
        body: inspectionInput,
        response: { 200: inspectionSchema.extend({ findings: z.array(findingSchema), checklist: checkedListSchema.nullable() }), 201: inspectionSchema.extend({ findings: z.array(findingSchema), checklist: checkedListSchema.nullable() }), ...errors },
      },
    },
    async (req, reply) => {
      const { created, ...r } = await svc.create(who(req), req.body);
      return reply.code(created ? 201 : 200).send(r);
    },
  );

  app.get(
    '/api/v1/inspections/:id',
    { schema: { tags: ['enforcement'], summary: 'An inspection with its findings and history', params: idParam, response: { 200: inspectionSchema.extend({ findings: z.array(findingSchema), checklist: checkedListSchema.nullable(), history: z.array(actionSchema) }), ...errors } } },
    async (req) => svc.get(who(req), req.params.id),
  );

  app.post(
    '/api/v1/inspections/:id/findings',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Record a finding (检查发现的问题) while the inspection is open; from a checklist item answered not_ok, its text, legal basis and grade are prefilled',
        params: idParam,
        body: z.strictObject({
          checklistItem: z.string().trim().min(1).max(20).nullable().optional().describe("The code of a checklist item answered not_ok"),
          description: z.string().trim().min(1).max(5000).nullable().optional(),
          grade: z.enum(FINDING_GRADES).nullable().optional(),
          deadline: chinaDateInput.nullable().optional(), basis: z.string().trim().max(1000).nullable().optional() }),
        response: { 201: findingSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.addFinding(who(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/inspections/:id/checklist',
    {
      schema: {
        tags: ['enforcement'],
        summary: "Record results of the inspection's checklist items (检查表): ok, not_ok or n_a, with a note",
        params: idParam,
        body: z.strictObject({
          results: z
            .array(z.strictObject({ code: z.string().trim().min(1).max(20), result: z.enum(['ok', 'not_ok', 'n_a']), note: z.string().trim().max(2000).nullable().optional() }))
            .min(1)
            .max(200),
        }),
        response: { 200: checkedListSchema, ...errors },
      },
    },
    async (req) => svc.recordChecklist(who(req), req.params.id, req.body.results),
  );

  app.post(
    '/api/v1/inspections/:id/complete',
    {
      schema: {
        tags: ['enforcement'],
        summary: 'Complete the inspection: its record (and, with findings, its order to rectify) get the next numbers of the region and year',
        params: idParam,
        body: z.strictObject({}).optional(),
        response: { 200: inspectionSchema.extend({ findings: z.array(findingSchema), checklist: checkedListSchema.nullable() }), ...errors },
      },
    },
    async (req) => svc.complete(who(req), req.params.id),
  );

  app.post(
    '/api/v1/inspections/:id/findings/:finding/verify',
    {
      schema: {
        tags: ['enforcement'],
        summary: "Review a finding (复查) once its hazard is rectified in the enterprise's ledger; 409 before that or when already reviewed",
        params: z.strictObject({ id: z.string().min(1).max(100), finding: z.string().min(1).max(100) }),
        body: z.strictObject({ note: z.string().trim().max(2000).nullable().optional() }).optional(),
        response: { 200: findingSchema.extend({ hazardState: z.string().nullable() }), ...errors },
      },
    },
    async (req) => svc.verifyFinding(who(req), req.params.id, req.params.finding, req.body ?? {}),
  );
}
