import type { Store } from '../store/db.ts';
import { createHorizon } from '../store/repos/network/horizon.ts';
import { isEntity, loadRows, outboxTail, readOutbox, readingsTail, type Entity } from '../store/repos/network/outbox.ts';
import type { EventBus } from '../services/events.ts';
import type { ParentClient } from './client.ts';
import { loadCursor, saveCursor } from '../store/repos/parent-cursors.ts';
import { startExpressLane } from './express.ts';
import type { HeartbeatBody, PushBody, PushReply, RecordItem, Stream } from './protocol.ts';
import { createReadingsLink } from './readings-link.ts';

/** Retries of a parent that does not answer stay frequent: after an outage the line resumes within a second. */
const MAX_BACKOFF_MS = 1000;

export interface UplinkOptions {
  store: Store;
  client: ParentClient;
  nodeId: string;
  now: () => number;
  /** Records per batch. */
  recordBatch?: number;
  /** Readings per batch: bounded so that alarms and heartbeats are never queued behind a long backfill. */
  readingBatch?: number;
  /** Share of a cycle one backfill batch may take, ms (it adapts its size to this). */
  backfillBudgetMs?: number;
  /** Largest backfill batch. */
  backfillMax?: number;
  /** Pause between polls when nothing waits, ms. */
  idleMs?: number;
  /** Where the fresh readings of this node's children are published (a forwarding node relays them ahead). */
  events?: Pick<EventBus, 'subscribe'>;
  /** A child's live reading is relayed ahead when more than this many readings wait before it in this node's order. */
  expressAfter?: number;
  onError?: (err: unknown) => void;
}

/**
 * The child's side of the uplink, run inside the node from durable cursors: heartbeats, then alarms,
 * then records (registry, sensors, node health), then one batch of readings, again and again; beside
 * it, the express lane relays children's live readings. The cursor moves only to what the parent
 * acknowledged, so a crash or a cut line loses nothing and a replay changes nothing.
 */
export function startUplink(o: UplinkOptions): { stop(): Promise<void>; sentBatches(): number } {
  const db = o.store.db;
  const recordBatch = o.recordBatch ?? 500;
  // Large enough that a forwarding node keeps up with a child's drain; one batch per cycle.
  const readingBatch = o.readingBatch ?? 20_000;
  const idleMs = o.idleMs ?? 200;
  const abort = new AbortController();
  // Sequences may commit out of order on PostgreSQL: never read past one that may still appear.
  const horizon = createHorizon();
  let heartbeatSec = 10;
  let lastBeat = 0;
  let batches = 0;
  let stopped = false;

  async function push(body: PushBody): Promise<PushReply> {
    const r = await o.client.post<PushReply>('/api/v1/sync/push', body, abort.signal);
    heartbeatSec = r.heartbeatSec;
    batches++;
    return r;
  }

  /** One batch of an outbox stream; true when something was sent. */
  async function pushOutbox(stream: Exclude<Stream, 'readings'>): Promise<boolean> {
    const cursor = await loadCursor(db, stream);
    const rows = await readOutbox(db, stream, cursor, recordBatch, await horizon.upTo(o.store, 'net_outbox', cursor));
    if (rows.length === 0) return false;
    // One snapshot per record: the latest state carries every earlier change of it.
    const last = new Map<string, { seq: number; entity: Entity; id: string }>();
    for (const r of rows) if (isEntity(r.entity)) last.set(`${r.entity}|${r.entity_id}`, { seq: r.seq, entity: r.entity, id: r.entity_id });
    const byEntity = new Map<Entity, string[]>();
    for (const v of last.values()) byEntity.set(v.entity, [...(byEntity.get(v.entity) ?? []), v.id]);
    const snapshots = new Map<string, Record<string, unknown>>();
    for (const [entity, ids] of byEntity) for (const [id, row] of await loadRows(db, entity, ids)) snapshots.set(`${entity}|${id}`, row);
    const items: RecordItem[] = [];
    for (const [k, v] of [...last].sort((a, b) => a[1].seq - b[1].seq)) {
      const row = snapshots.get(k);
      if (!row) continue;
      items.push({ seq: v.seq, entity: v.entity, id: v.id, origin: (row.origin_node as string | undefined) ?? null, version: Number(row.version ?? row.updated_at ?? 1), row });
    }
    const to = rows[rows.length - 1]!.seq;
    const r = await push({ node: o.nodeId, stream, from: cursor, to, items });
    if (r.ack !== cursor) await saveCursor(db, stream, r.ack, o.now());
    return r.ack > cursor;
  }

  const readings = createReadingsLink({ store: o.store, nodeId: o.nodeId, now: o.now, horizon, push, liveBatch: readingBatch, backfillBudgetMs: o.backfillBudgetMs, backfillMax: o.backfillMax });
  // A child's live readings overtake the backlog passing through this node (its order is storage order).
  const expressAfter = o.expressAfter ?? Math.min(5000, readingBatch);
  const express = o.events ? startExpressLane({ nodeId: o.nodeId, push, behind: (seq) => seq - readings.sentTo() > expressAfter, batch: readingBatch }) : null;
  const unsubscribe = o.events?.subscribe('readings.fresh', (e) => express?.add(e.readings));

  async function heartbeat() {
    const now = o.now();
    const [alarms, records, readingsCursor] = await Promise.all([loadCursor(db, 'alarms'), loadCursor(db, 'records'), loadCursor(db, 'readings')]);
    const [a, r, t] = await Promise.all([outboxTail(db, 'alarms', alarms), outboxTail(db, 'records', records), readingsTail(db, readingsCursor)]);
    const body: HeartbeatBody = {
      node: o.nodeId,
      backlog: a.pending + r.pending + (await readings.backlog(t.max)),
      backlogAgeSec: t.oldestTs === null ? 0 : Math.max(0, (now - t.oldestTs) / 1000),
      sensorsOnline: await sensorsOnline(o.store, now),
      sentAt: now,
    };
    const reply = await o.client.post<{ heartbeatSec: number }>('/api/v1/sync/heartbeat', body, abort.signal, 10_000);
    heartbeatSec = reply.heartbeatSec;
    lastBeat = now;
  }

  async function cycle(): Promise<boolean> {
    if (o.now() - lastBeat >= heartbeatSec * 1000) await heartbeat();
    let busy = false;
    while (!stopped && (await pushOutbox('alarms'))) busy = true;
    while (!stopped && (await pushOutbox('records'))) {
      busy = true;
      if (o.now() - lastBeat >= heartbeatSec * 1000) await heartbeat();
    }
    const r = stopped ? 'empty' : await readings.cycle();
    return busy || r === 'sent';
  }

  const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms).unref?.());

  const loop = (async () => {
    let backoff = 0;
    while (!stopped) {
      try {
        const busy = await cycle();
        backoff = 0;
        if (!busy) await sleep(idleMs);
      } catch (err) {
        if (stopped) break;
        o.onError?.(err);
        backoff = Math.min(MAX_BACKOFF_MS, backoff ? backoff * 2 : 250);
        await sleep(backoff);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      unsubscribe?.();
      abort.abort();
      await Promise.all([loop, express?.stop()]);
    },
    sentBatches: () => batches,
  };
}

/** Sensors with a reading within three expected intervals (each one an indexed look-up). */
async function sensorsOnline(store: Store, now: number): Promise<number> {
  const rows = await store.db
    .selectFrom('sensors')
    .select(['sensors.expected_interval_sec', (eb) => eb.selectFrom('readings').select((e) => e.fn.max('ts').as('m')).whereRef('readings.sensor_key', '=', 'sensors.key').as('last')])
    .where('sensors.disabled', '=', 0)
    .where('sensors.origin_node', '=', (await store.db.selectFrom('settings').select('value').where('key', '=', 'node.id').executeTakeFirst())?.value ?? '')
    .execute();
  return rows.filter((r) => r.last !== null && now - Number(r.last) <= r.expected_interval_sec * 3000).length;
}
