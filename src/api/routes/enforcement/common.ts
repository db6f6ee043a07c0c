import { z } from 'zod';
import { toChinaDate } from '../../../domain/enforcement/dates.ts';

/** Schemas the enforcement routes share. */
export const regionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 region code');
export const reason = z.string().trim().min(1).max(2000);
/** A reference to the document behind an action (文书): a file id or a document number. */
export const documentRef = z.string().trim().min(1).max(200).nullable().optional();

/** A China calendar date; a date-time or epoch milliseconds is taken as the date it falls on in China. */
export const chinaDateInput = z
  .union([z.string().max(40), z.number()])
  .transform((v, ctx) => {
    const d = toChinaDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: 'must be a date YYYY-MM-DD or an ISO date-time' });
      return z.NEVER;
    }
    return d;
  });

/** An instant: ISO date-time or epoch milliseconds. */
export const instantInput = z.union([z.string().max(40), z.number()]).transform((v, ctx) => {
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO date-time or epoch milliseconds' });
    return z.NEVER;
  }
  return t;
});

export const actionSchema = z.object({
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  document: z.string().nullable(),
  details: z.unknown(),
  by: z.string().nullable(),
  byId: z.string().nullable(),
  at: z.number(),
});
