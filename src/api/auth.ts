import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../domain/access/policy.ts';
import { Forbidden, Unauthorized } from '../domain/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The principal a token stands for now (null once revoked or expired): long-lived streams re-check with it. */
    resolveToken(token: string): Promise<Principal | null>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    token: string | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a token (login, health, OpenAPI, the web app's files). */
    public?: boolean;
    /** Routes only a child node may call (/sync): anyone else is refused before the body is read. */
    nodeOnly?: boolean;
    /** Routes that accept the token as `?access_token=` (EventSource cannot set headers). */
    queryToken?: boolean;
    /** Routes a device token may call (posting its readings); no other route takes one. */
    devices?: boolean;
  }
}

/** Resolves a bearer token to a principal; each capability (users, nodes, devices) registers one by prefix. */
export type TokenResolver = (token: string) => Promise<Principal | null>;

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  if (!req.routeOptions.config?.queryToken || req.method !== 'GET') return null;
  const q = (req.query as Record<string, unknown> | undefined)?.access_token;
  return typeof q === 'string' && q ? q : null;
}

/** The principal behind a token, or null when no resolver knows it. */
export function resolverOf(resolvers: Record<string, TokenResolver>): TokenResolver {
  return async (token) => {
    const prefix = Object.keys(resolvers).find((p) => token.startsWith(p));
    return prefix ? resolvers[prefix]!(token) : null;
  };
}

/**
 * Every matched route needs a token unless it is declared public. The decision is taken on the route
 * Fastify matched, never on the raw URL, so that `/%61pi/…` cannot pass for a file of the web app.
 * Routes registered outside /api (the web app's static files) are public by construction.
 */
export function registerAuth(app: FastifyInstance, resolvers: Record<string, TokenResolver>) {
  const resolve = resolverOf(resolvers);
  app.decorate('resolveToken', resolve);
  app.decorateRequest('principal', null);
  app.decorateRequest('token', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) route.config = { ...(route.config ?? {}), public: true };
  });
  app.addHook('onRequest', async (req) => {
    // No route matched: the not-found handler answers, and it serves nothing that needs a caller.
    if (req.is404) return;
    const config = req.routeOptions.config;
    if (config?.public) return;
    const token = bearer(req);
    if (!token) throw new Unauthorized('Missing bearer token (请先登录)');
    const principal = await resolve(token);
    if (!principal) throw new Unauthorized('Invalid, expired or revoked token (登录已失效)', 'invalid_token');
    if (config?.nodeOnly && principal.kind !== 'node') throw new Forbidden('Only child nodes call /sync (仅限下级节点)');
    // A node's token is for /sync and a device's for its readings: neither acts as a person anywhere else.
    if (principal.kind === 'node' && !config?.nodeOnly) throw new Forbidden('A node token is only for /sync (节点令牌仅用于数据同步)');
    if (principal.kind === 'device' && !config?.devices) throw new Forbidden('A device token only posts readings (设备令牌仅用于上报数据)');
    req.principal = principal;
    req.token = token;
  });
}

/** The caller of an authenticated route. */
export function who(req: FastifyRequest): Principal {
  if (!req.principal) throw new Unauthorized();
  return req.principal;
}
