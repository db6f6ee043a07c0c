import { z } from 'zod';
import type { Network } from '../../../services/network/index.ts';
import { heartbeatBody, heartbeatReply, inboxReply, pushBody, pushReply } from '../../../sync/protocol.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';
import { errors, okSchema } from '../../schemas.ts';

/** What a child node calls on its parent, with its node token (no other caller: `nodeOnly`). Request bodies may be gzip-compressed. */
export function syncRoutes(app: App, net: Network) {
  const tags = ['sync'];
  app.post(
    '/api/v1/sync/push',
    { bodyLimit: 256 * 1024 * 1024, config: { nodeOnly: true }, schema: { tags, summary: 'A batch of one outbox stream (records, alarms or readings)', body: pushBody, response: { 200: pushReply, ...errors } } },
    async (req) => {
      const p = who(req);
      await net.health.contact(p, req.body.node);
      const r = await net.receiver.push(p, req.body);
      return { ...r, heartbeatSec: net.settings.get().heartbeatSec };
    },
  );
  app.post(
    '/api/v1/sync/heartbeat',
    { config: { nodeOnly: true }, schema: { tags, summary: "The child's state: backlog, its age, sensors online", body: heartbeatBody, response: { 200: heartbeatReply, ...errors } } },
    async (req) => {
      await net.health.heartbeat(who(req), req.body);
      return { heartbeatSec: net.settings.get().heartbeatSec, serverTime: Date.now() };
    },
  );
  app.get(
    '/api/v1/sync/inbox',
    {
      config: { nodeOnly: true },
      schema: {
        tags,
        summary: 'Directives for the calling child after its cursor; waits up to `wait` seconds when none (long-poll)',
        querystring: z.strictObject({ cursor: z.coerce.number().int().min(0).default(0), wait: z.coerce.number().min(0).max(60).default(0), node: z.string().max(100).optional() }),
        response: { 200: inboxReply, ...errors },
      },
    },
    async (req, reply) => {
      const p = who(req);
      if (req.query.node) await net.health.contact(p, req.query.node);
      // A long-poll's connection is not kept for reuse: it would hold the server open at shutdown.
      if (req.query.wait > 0) reply.header('connection', 'close');
      return net.directives.inbox(p, req.query.cursor, req.query.wait * 1000);
    },
  );
  app.post(
    '/api/v1/sync/inbox/ack',
    { config: { nodeOnly: true }, schema: { tags, summary: 'Acknowledge directives up to a cursor', body: z.strictObject({ cursor: z.number().int().min(0) }), response: { 200: okSchema, ...errors } } },
    async (req) => net.directives.ack(who(req), req.body.cursor),
  );
}
