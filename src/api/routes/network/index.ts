import { z } from 'zod';
import type { Network } from '../../../services/network/index.ts';
import { thresholdTemplatePayload } from '../../../services/monitoring/threshold-templates.ts';
import { noticePayload } from '../../../services/network/directive-payloads.ts';
import { DIRECTIVE_KINDS } from '../../../services/network/directives.ts';
import { networkSettingsSchema } from '../../../services/network/settings.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, idParam, okSchema } from '../../schemas.ts';
import { syncRoutes } from './sync.ts';

const instant = z.coerce.number().int().min(0).optional();
const nodeSchema = z
  .object({
    id: z.string(),
    level: z.string(),
    region: z.string(),
    enterprise: z.string().nullable(),
    name: z.string(),
    remoteId: z.string().nullable(),
    parent: z.string(),
    online: z.boolean(),
    lastSeen: z.number().nullable(),
    backlog: z.number(),
    backlogAgeSec: z.number(),
    sensorsOnline: z.number().nullable(),
    revoked: z.boolean(),
    tokenExpiresAt: z.number().nullable(),
    registeredHere: z.boolean(),
    dropoutRate: z.number().nullable(),
    offlineMs: z.number(),
    completeness: z.number().nullable(),
  })
  .meta({ id: 'NetworkNode' });

const directiveNode = z.string().min(1).max(100);
/** A directive: notices and threshold templates with their payload checked; the other kinds' payloads belong to capabilities not built yet. */
const directiveBody = z
  .discriminatedUnion('kind', [
    z.strictObject({ node: directiveNode, kind: z.literal('notice'), payload: noticePayload }),
    z.strictObject({ node: directiveNode, kind: z.literal('threshold_template'), payload: thresholdTemplatePayload }),
    z.strictObject({ node: directiveNode, kind: z.enum(['task', 'supervision_order', 'bootstrap']), payload: z.unknown() }),
  ])
  .meta({ id: 'DirectiveBody' });
const receivedSchema = z.object({ id: z.string(), kind: z.string(), payload: z.unknown(), createdAt: z.number(), receivedAt: z.number() }).meta({ id: 'ReceivedDirective' });

/** The network: child nodes, their health, directives to them; and the /sync surface children call. */
export function networkRoutes(app: App, net: Network) {
  const tags = ['network'];
  app.post(
    '/api/v1/network/nodes',
    {
      schema: {
        tags,
        summary: 'Register a child node and receive its token (注册下级节点)',
        body: z.strictObject({
          level: z.enum(['city', 'county', 'enterprise']),
          region: z.string().regex(/^\d{6}$/).optional(),
          enterprise: z.string().max(100).optional(),
          name: z.string().min(1).max(200).optional(),
          expiresAt: z.number().int().positive().nullable().optional().describe('After this instant (epoch ms) the token stops working; none: until revoked'),
        }),
        response: { 201: z.object({ id: z.string(), token: z.string(), level: z.string(), region: z.string(), enterprise: z.string().nullable(), name: z.string(), expiresAt: z.number().nullable() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await net.registry.register(who(req), req.body)),
  );

  app.get(
    '/api/v1/network/nodes',
    {
      schema: {
        tags,
        summary: 'Every node below this one, with health over the period (default: last 24 h)',
        querystring: z.strictObject({ from: instant, to: instant }),
        response: { 200: z.object({ items: z.array(nodeSchema) }), ...errors },
      },
    },
    async (req) => net.listNodes(who(req), req.query),
  );

  app.post(
    '/api/v1/network/nodes/:id/rotate',
    {
      schema: {
        tags,
        summary: "Replace a child node's token with a new one (shown once); the old token stops working at once",
        params: idParam,
        body: z.strictObject({ expiresAt: z.number().int().positive().nullable().optional() }),
        response: { 200: z.object({ id: z.string(), token: z.string(), expiresAt: z.number().nullable() }), ...errors },
      },
    },
    async (req) => net.registry.rotate(who(req), req.params.id, req.body.expiresAt ?? null),
  );

  app.post(
    '/api/v1/network/nodes/:id/revoke',
    { schema: { tags, summary: "Revoke a child node's token", params: idParam, response: { 200: okSchema, ...errors } } },
    async (req) => net.registry.revoke(who(req), req.params.id),
  );

  app.get(
    '/api/v1/network/health',
    {
      schema: {
        tags,
        summary: 'Dropout rate (掉线率) and data completeness (数据完整率) for a node or a region over a period',
        querystring: z.strictObject({ node: z.string().max(100).optional(), region: z.string().regex(/^\d{6}$/).optional(), from: instant, to: instant }),
        response: {
          200: z.object({
            from: z.number(),
            to: z.number(),
            nodes: z.array(z.string()),
            dropoutRate: z.number().nullable(),
            offlineMs: z.number(),
            observedMs: z.number(),
            completeness: z.number().nullable(),
            readingsReceived: z.number(),
            readingsExpected: z.number(),
            intervals: z.array(z.object({ node: z.string(), state: z.string(), from: z.number(), to: z.number().nullable() })),
          }),
          ...errors,
        },
      },
    },
    async (req) => net.healthReport(who(req), req.query),
  );

  app.get(
    '/api/v1/network/settings',
    { schema: { tags, summary: 'Heartbeat interval and missed-beat limit', response: { 200: networkSettingsSchema, ...errors } } },
    async (req) => net.getSettings(who(req)),
  );
  app.put(
    '/api/v1/network/settings',
    { schema: { tags, summary: 'Change heartbeat interval and missed-beat limit (children adopt it at their next contact)', body: networkSettingsSchema, response: { 200: networkSettingsSchema, ...errors } } },
    async (req) => net.putSettings(who(req), req.body),
  );

  app.post(
    '/api/v1/network/directives',
    {
      schema: {
        tags,
        summary: 'Send a directive to a child node (task, supervision order, notice, threshold template)',
        body: directiveBody,
        response: { 201: z.object({ id: z.string(), node: z.string(), kind: z.string(), createdAt: z.number() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await net.directives.create(who(req), req.body)),
  );
  app.get(
    '/api/v1/network/directives',
    {
      schema: {
        tags,
        summary: 'Directives sent to children, newest first, with their acknowledgement',
        querystring: z.strictObject({ node: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ items: z.array(z.unknown()) }), ...errors },
      },
    },
    async (req) => ({ items: await net.directives.list(who(req), req.query.node, req.query.limit) }),
  );
  app.get(
    '/api/v1/network/directives/received',
    {
      schema: {
        tags,
        summary: 'Directives this node received from its parent, newest first (kind=notice: the notices for its users)',
        querystring: z.strictObject({ kind: z.enum(DIRECTIVE_KINDS).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ items: z.array(receivedSchema) }), ...errors },
      },
    },
    async (req) => ({ items: await net.directives.received(who(req), req.query.limit, req.query.kind) }),
  );
  app.get(
    '/api/v1/network/quarantine',
    {
      schema: {
        tags,
        summary: 'Items children sent that were refused, with the reason',
        querystring: z.strictObject({ node: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ items: z.array(z.unknown()) }), ...errors },
      },
    },
    async (req) => ({ items: await net.quarantine(who(req), req.query.node, req.query.limit) }),
  );

  syncRoutes(app, net);
}
