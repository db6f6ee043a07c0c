import { canSee } from '../../../domain/access/policy.ts';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { EventBus } from '../../../services/events.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';

/**
 * Server-Sent Events: new and changed alarms the caller may see, with a heartbeat comment every 15 s.
 * A stream outlives the request that authenticated it, so its token is checked again at every
 * heartbeat and at once when the user's sessions end (logout, password change, account disabled):
 * a token that no longer resolves ends the stream.
 */
export function eventRoutes(app: App, _m: Monitoring, events: EventBus, heartbeatMs = 15_000) {
  const open = new Set<() => void>();
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.get(
    '/api/v1/events',
    { config: { queryToken: true }, schema: { tags: ['monitoring'], summary: 'Live stream of alarms (text/event-stream); token may come as ?access_token=' } },
    async (req, reply) => {
      const p = who(req);
      const token = req.token!;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-content-type-options': 'nosniff' });
      res.write(': connected\n\n');
      const off = events.subscribe('alarm.changed', (e) => {
        if (!canSee(p, { regionCode: e.regionCode, enterpriseId: e.enterpriseId })) return;
        res.write(`event: alarm\nid: ${e.alarm.id}:${e.alarm.updatedAt}\ndata: ${JSON.stringify(e.alarm)}\n\n`);
      });
      let ended = false;
      const recheck = async () => {
        try {
          const still = await app.resolveToken(token);
          if (!still || still.id !== p.id) end();
        } catch (err) {
          // The store may be briefly unreachable: the next heartbeat checks again.
          req.log.warn({ err }, 'event stream: token re-check failed');
        }
      };
      const offEnded = events.subscribe('sessions.ended', (e) => {
        if (e.userId === p.id) void recheck();
      });
      const beat = setInterval(() => {
        res.write(': heartbeat\n\n');
        void recheck();
      }, heartbeatMs);
      const close = () => {
        clearInterval(beat);
        off();
        offEnded();
        open.delete(end);
      };
      const end = () => {
        if (ended) return;
        ended = true;
        close();
        res.end();
      };
      open.add(end);
      req.raw.on('close', close);
    },
  );
}
