import { canSee } from '../../../domain/access/policy.ts';
import type { Monitoring } from '../../../services/monitoring/index.ts';
import type { EventBus } from '../../../services/events.ts';
import type { App } from '../../app.ts';
import { who } from '../../auth.ts';

/** Server-Sent Events: new and changed alarms the caller may see, with a heartbeat comment every 15 s. */
export function eventRoutes(app: App, _m: Monitoring, events: EventBus, heartbeatMs = 15_000) {
  const open = new Set<() => void>();
  // Streams never end by themselves: end them before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.get('/api/v1/events', { config: { queryToken: true }, schema: { tags: ['monitoring'], summary: 'Live stream of alarms (text/event-stream); token may come as ?access_token=' } }, async (req, reply) => {
    const p = who(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const off = events.subscribe('alarm.changed', (e) => {
      if (!canSee(p, { regionCode: e.regionCode, enterpriseId: e.enterpriseId })) return;
      res.write(`event: alarm\nid: ${e.alarm.id}:${e.alarm.updatedAt}\ndata: ${JSON.stringify(e.alarm)}\n\n`);
    });
    const beat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    const close = () => {
      clearInterval(beat);
      off();
      open.delete(end);
    };
    const end = () => {
      close();
      res.end();
    };
    open.add(end);
    req.raw.on('close', close);
  });
}
