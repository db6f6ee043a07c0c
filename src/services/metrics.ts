import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { requirePlatformWide, type Principal } from '../domain/access/policy.ts';
import { loadCursor } from '../store/repos/parent-cursors.ts';
import type { Deps } from './context.ts';
import type { Monitoring } from './monitoring/index.ts';

/**
 * The node's figures in the Prometheus text format: readings taken in, the writer's queue, alarms by
 * level and state, each child's backlog and lag, this node's own outbox toward its parent, and HTTP
 * request times. Figures read from the store are read at each scrape.
 */
export function createMetrics(deps: Pick<Deps, 'store' | 'now'>, s: { monitoring: Pick<Monitoring, 'ingest' | 'writer'> }) {
  const { db } = deps.store;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kuangan_process_' });

  new Counter({
    name: 'kuangan_readings_total',
    help: 'Readings handled since start, by outcome (accepted, duplicate, rejected)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      const t = s.monitoring.ingest.totals();
      this.reset();
      this.inc({ result: 'accepted' }, t.accepted);
      this.inc({ result: 'duplicate' }, t.duplicates);
      this.inc({ result: 'rejected' }, t.rejected);
    },
  });
  new Gauge({
    name: 'kuangan_writer_queued_rows',
    help: 'Readings waiting for the writer to commit them',
    registers: [registry],
    collect() {
      this.set(s.monitoring.writer.stats().queuedRows);
    },
  });
  new Counter({
    name: 'kuangan_writer_commits_total',
    help: 'Group commits of the telemetry writer (readings of many requests in one transaction)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(s.monitoring.writer.stats().commits);
    },
  });
  new Counter({
    name: 'kuangan_writer_committed_rows_total',
    help: 'Readings committed by the telemetry writer',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(s.monitoring.writer.stats().committedRows);
    },
  });
  new Gauge({
    name: 'kuangan_alarms',
    help: 'Alarms not closed, by kind, level and state',
    labelNames: ['kind', 'level', 'state'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('alarms')
        .select((eb) => ['kind', 'level', 'state', eb.fn.countAll<number>().as('n')])
        .where('state', '!=', 'closed')
        .groupBy(['kind', 'level', 'state'])
        .execute();
      this.reset();
      for (const r of rows) this.set({ kind: r.kind, level: r.level, state: r.state }, Number(r.n));
    },
  });
  const children = (name: string, help: string, pick: (n: { backlog: number; backlog_age_sec: number; online: number; last_seen: number | null }) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['node', 'level', 'region'],
      registers: [registry],
      async collect() {
        const rows = await db.selectFrom('net_nodes').select(['id', 'level', 'region_code', 'backlog', 'backlog_age_sec', 'online', 'last_seen']).where('revoked_at', 'is', null).execute();
        this.reset();
        for (const r of rows) this.set({ node: r.id, level: r.level, region: r.region_code }, pick(r));
      },
    });
  children('kuangan_child_backlog', "Items waiting in a child node's outbox, as it last reported", (n) => n.backlog);
  children('kuangan_child_backlog_age_seconds', "Age of the oldest item waiting in a child node's outbox", (n) => n.backlog_age_sec);
  children('kuangan_child_online', 'A child node heard from within its heartbeat limit (1) or not (0)', (n) => n.online);
  children('kuangan_child_silence_seconds', 'Seconds since a child node was last heard from', (n) => (n.last_seen === null ? -1 : Math.max(0, (deps.now() - Number(n.last_seen)) / 1000)));
  new Gauge({
    name: 'kuangan_outbox_pending',
    help: "Records and alarms in this node's outbox that its parent has not acknowledged, by stream",
    labelNames: ['stream'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const stream of ['alarms', 'records']) {
        const after = await loadCursor(db, stream);
        const r = await db.selectFrom('net_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('stream', '=', stream).where('seq', '>', after).executeTakeFirst();
        this.set({ stream }, Number(r?.n ?? 0));
      }
    },
  });
  const http = new Histogram({
    name: 'kuangan_http_request_duration_seconds',
    help: 'HTTP request time by route and status class',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 10],
    registers: [registry],
  });

  return {
    /** Called for every answered request: its route pattern (never the raw URL), status class and time. */
    observe(method: string, route: string | undefined, status: number, seconds: number) {
      http.observe({ method, route: route ?? 'unmatched', status: `${Math.floor(status / 100)}xx` }, seconds);
    },
    /** For administrators of the whole platform: the figures name every child node of every region. */
    async render(actor: Principal): Promise<{ contentType: string; body: string }> {
      requirePlatformWide(actor, 'network.manage');
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
