import { z } from 'zod';

/** Schemas several routes share. */
export const paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const idParam = z.strictObject({ id: z.string().min(1).max(100) });
export const siteParam = z.strictObject({ site: z.string().min(1).max(100) });

export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error' });

export const okSchema = z.object({ ok: z.literal(true) });

export const changeSchema = z.object({
  at: z.number(),
  user: z.string().nullable(),
  userId: z.string().nullable(),
  op: z.string(),
  changes: z.unknown(),
});

/** Standard error responses for the OpenAPI document. */
export const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
