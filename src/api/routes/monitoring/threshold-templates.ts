import { z } from 'zod';
import { thresholdTemplateBody, type ThresholdTemplates } from '../../../services/monitoring/threshold-templates.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors } from '../../schemas.ts';

const templateSchema = z
  .object({
    grade: z.number(),
    damType: z.string(),
    kind: z.string(),
    thresholds: z.object({ direction: z.enum(['above', 'below']), blue: z.number().optional(), yellow: z.number().optional(), orange: z.number().optional(), red: z.number().optional() }),
    source: z.string(),
    note: z.string().nullable(),
    issuedBy: z.string(),
    issuedHere: z.boolean(),
    directive: z.string().nullable(),
    updatedAt: z.number(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'ThresholdTemplate' });

/** Threshold templates in force at this node (issued from above or set here), before the built-in defaults. */
export function thresholdTemplateRoutes(app: App, t: ThresholdTemplates) {
  const tags = ['monitoring'];
  app.get(
    '/api/v1/monitoring/threshold-templates',
    { schema: { tags, summary: 'Threshold templates in force here (阈值模板), issued from above or set here', response: { 200: z.object({ items: z.array(templateSchema) }), ...errors } } },
    async (req) => ({ items: await t.list(who(req)) }),
  );
  app.put(
    '/api/v1/monitoring/threshold-templates',
    {
      schema: {
        tags,
        summary: 'Set the template for a pond grade, dam type and sensor kind here; optionally move template-valued sensors and send it to every child',
        body: thresholdTemplateBody,
        response: {
          200: z.object({
            template: templateSchema,
            changed: z.array(z.object({ sensor: z.string(), site: z.string() })),
            skipped: z.array(z.object({ sensor: z.string(), site: z.string(), reason: z.string() })),
            directives: z.array(z.object({ id: z.string(), node: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => t.set(who(req), req.body),
  );
}
