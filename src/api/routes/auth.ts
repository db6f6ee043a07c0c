import { z } from 'zod';
import type { AuthService } from '../../services/auth/auth.ts';
import type { UserService } from '../../services/users.ts';
import type { App } from '../app.ts';
import { who } from '../auth.ts';
import { Unauthorized } from '../../domain/errors.ts';
import { errors, okSchema } from '../schemas.ts';
import { userSchema } from './users.ts';

export function authRoutes(app: App, auth: AuthService, users: UserService) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password (登录)',
        body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ token: z.string(), expiresAt: z.number(), user: userSchema }), ...errors },
      },
    },
    async (req) => auth.login(req.body.username, req.body.password, req.ip),
  );

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: userSchema } } }, async (req) => {
    const me = await auth.authenticate(req.token!);
    if (!me) throw new Unauthorized();
    return me.user;
  });

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'End this session', response: { 200: okSchema } } }, async (req) => {
    await auth.logout(req.token!);
    return { ok: true as const };
  });

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password, giving the current one (ends every session)',
        body: z.strictObject({ currentPassword: z.string().min(1).max(256), password: z.string().min(1).max(256) }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await users.changeOwnPassword(who(req), req.body.currentPassword, req.body.password);
      return { ok: true as const };
    },
  );
}
