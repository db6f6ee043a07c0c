import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../domain/access/policy.ts';
import { Unauthorized } from '../domain/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    token: string | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a token (login, health, OpenAPI). */
    public?: boolean;
  }
}

/** Resolves a bearer token to a principal; each capability (users, nodes, devices) registers one by prefix. */
export type TokenResolver = (token: string) => Promise<Principal | null>;

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  // EventSource cannot set headers: the live stream may carry the token in the query.
  const q = (req.query as Record<string, unknown> | undefined)?.access_token;
  return typeof q === 'string' && req.method === 'GET' ? q : null;
}

export function registerAuth(app: FastifyInstance, resolvers: Record<string, TokenResolver>) {
  app.decorateRequest('principal', null);
  app.decorateRequest('token', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    if (req.routeOptions.config?.public) return;
    const token = bearer(req);
    if (!token) throw new Unauthorized('Missing bearer token (请先登录)');
    const prefix = Object.keys(resolvers).find((p) => token.startsWith(p));
    const principal = prefix ? await resolvers[prefix]!(token) : null;
    if (!principal) throw new Unauthorized('Invalid, expired or revoked token (登录已失效)', 'invalid_token');
    req.principal = principal;
    req.token = token;
  });
}

/** The caller of an authenticated route. */
export function who(req: FastifyRequest): Principal {
  if (!req.principal) throw new Unauthorized();
  return req.principal;
}
