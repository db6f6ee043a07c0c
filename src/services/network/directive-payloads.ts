import { z } from 'zod';
import { Invalid } from '../../domain/errors.ts';
import { thresholdTemplatePayload } from '../monitoring/threshold-templates.ts';

/** A notice (通知) from the parent, shown to the users of the node that receives it. */
export const noticePayload = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20_000),
    due: z.number().int().min(0).optional().describe('Deadline, epoch ms'),
    document: z.string().trim().min(1).max(200).optional().describe('Document number (文号)'),
  })
  .meta({ id: 'NoticePayload' });

/** Payloads checked when a directive is created; the other kinds belong to capabilities not built yet. */
const PAYLOADS: Partial<Record<string, z.ZodType>> = {
  notice: noticePayload,
  threshold_template: thresholdTemplatePayload,
};

/** The payload as the child will receive it, or Invalid naming each field under `payload.`. */
export function parseDirectivePayload(kind: string, payload: unknown): unknown {
  const schema = PAYLOADS[kind];
  if (!schema) return payload ?? null;
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({ path: ['payload', ...i.path.map(String)].join('.'), message: i.message }));
  throw new Invalid(`Invalid ${kind} payload — ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}
