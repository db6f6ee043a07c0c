import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyContextConfig, type FastifyInstance, type FastifySchema, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { registerAuth, type TokenResolver } from './auth.ts';
import { errorBody, handleError } from './errors.ts';

/** One registered route as Fastify saw it: what the access matrix and other route-wide checks walk. */
export interface RouteEntry {
  method: string;
  url: string;
  config: FastifyContextConfig;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, in registration order (HEAD routes Fastify adds excluded). */
    routeTable: RouteEntry[];
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface AppOptions {
  logLevel: string;
  /** Token prefix → resolver (user sessions, node tokens, device tokens). */
  resolvers: Record<string, TokenResolver>;
  /** Folder of the built web app, served at / with fallback to index.html. */
  webDir?: string;
  bodyLimit?: number;
  /** Proxies whose X-Forwarded-For gives the client's address (req.ip). */
  trustProxy?: string[];
}

/**
 * Headers on every response. The web app is a built SPA: its scripts are its own files; antd writes
 * inline styles; charts draw to canvas and export as data:/blob: images. No HSTS and no
 * upgrade-insecure-requests: a node on a plant's network may be reached over plain HTTP, and the TLS
 * proxy in front of it, where there is one, sets HSTS.
 */
const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: false,
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'same-origin' as const },
};

/** The HTTP shell: parsing, validation, auth, errors, OpenAPI. Capabilities add their routes after. */
export async function createApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logLevel === 'silent' ? false : { level: opts.logLevel },
    bodyLimit: opts.bodyLimit ?? 32 * 1024 * 1024,
    ...(opts.trustProxy?.length ? { trustProxy: opts.trustProxy } : {}),
    // Per-request lines only when debugging: at telemetry rates they would cost more than the work.
    logController: new LogController({ disableRequestLogging: opts.logLevel !== 'debug' && opts.logLevel !== 'trace' }),
    ajv: { customOptions: { removeAdditional: false } },
    // Every log line of a request carries its id (reqId): the caller's X-Request-Id when it sends a sane one.
    requestIdHeader: 'x-request-id',
    genReqId: () => uuidv7(),
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', async (req, reply) => {
    if (!/^[\w.:-]{1,100}$/.test(req.id)) req.id = uuidv7();
    reply.header('x-request-id', req.id);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Kuangan (矿安) API', description: 'Safety supervision of non-coal mines and tailings ponds', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifyHelmet, SECURITY_HEADERS);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCompress, { global: true, threshold: 2048 });
  registerAuth(app, opts.resolvers);
  collectRoutes(app);

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.webDir, prefix: '/', wildcard: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((req, reply) => {
    const index = opts.webDir && path.join(opts.webDir, 'index.html');
    if (req.method === 'GET' && !req.url.startsWith('/api/') && index && fs.existsSync(index)) {
      return reply.header('cache-control', 'no-cache').type('text/html').send(fs.readFileSync(index));
    }
    return reply.code(404).send(errorBody('not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
  });
  return app;
}

/** Keeps every route registered after it, HEAD excepted (Fastify answers HEAD with the GET handler). */
function collectRoutes(app: App) {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method !== 'HEAD') table.push({ method, url: route.url, config: route.config ?? {}, schema: route.schema });
    }
  });
}
