import { z } from 'zod';
import { ROLES } from '../../domain/access/roles.ts';
import type { UserService } from '../../services/users.ts';
import type { App } from '../app.ts';
import { who } from '../auth.ts';
import { errors, idParam, paging } from '../schemas.ts';

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string().nullable(),
    role: z.enum(ROLES),
    region: z.string().nullable(),
    enterprise: z.string().nullable(),
    disabled: z.boolean(),
    createdAt: z.number(),
  })
  .meta({ id: 'User' });

export function userRoutes(app: App, users: UserService) {
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (administrators; officers within their region)',
        body: z.strictObject({
          username: z.string().trim().regex(/^[A-Za-z0-9_.@-]{3,64}$/, '3–64 letters, digits, _ . @ -'),
          password: z.string().min(1).max(256),
          role: z.enum(ROLES),
          region: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code').optional(),
          enterprise: z.string().min(1).max(64).optional(),
          displayName: z.string().trim().min(1).max(64).optional(),
        }),
        response: { 201: userSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await users.create(who(req), req.body)),
  );

  app.get(
    '/api/v1/users',
    { schema: { tags: ['accounts'], summary: 'Accounts in my scope', querystring: z.strictObject(paging), response: { 200: z.object({ items: z.array(userSchema), total: z.number() }) } } },
    async (req) => users.list(who(req), req.query.limit, req.query.offset),
  );

  app.get('/api/v1/users/:id', { schema: { tags: ['accounts'], params: idParam, response: { 200: userSchema, ...errors } } }, async (req) => users.get(who(req), req.params.id));

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(
      `/api/v1/users/:id/${action}`,
      { schema: { tags: ['accounts'], summary: `${action} an account${disabled ? ' and end its sessions' : ''}`, params: idParam, response: { 200: userSchema, ...errors } } },
      async (req) => users.setDisabled(who(req), req.params.id, disabled),
    );
  }

  app.post(
    '/api/v1/users/:id/password',
    { schema: { tags: ['accounts'], summary: 'Reset an account password', params: idParam, body: z.strictObject({ password: z.string().min(1).max(256) }), response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      await users.setPassword(who(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );
}
