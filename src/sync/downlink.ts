import { Invalid } from '../domain/errors.ts';
import type { EventBus } from '../services/events.ts';
import { announceTemplateApplied, applyThresholdTemplate, parseThresholdTemplate, type TemplateApplication } from '../services/monitoring/threshold-templates.ts';
import { queueForChildren } from '../services/network/directives.ts';
import type { Executor, Store } from '../store/db.ts';
import { getSetting } from '../store/repos/settings.ts';
import { applyRow, learnOrigin, originOf } from '../store/repos/network/apply.ts';
import { receiveDirective } from '../store/repos/network/directives.ts';
import { isEntity } from '../store/repos/network/outbox.ts';
import type { OrderRouter } from '../services/network/orders.ts';
import type { ParentClient } from './client.ts';
import { loadCursor, saveCursor } from '../store/repos/parent-cursors.ts';
import type { Directive } from './protocol.ts';

/** Retries of a parent that does not answer stay frequent: after an outage the line resumes within a second. */
const MAX_BACKOFF_MS = 1000;

export interface DownlinkOptions {
  store: Store;
  client: ParentClient;
  nodeId: string;
  now: () => number;
  /** Long-poll wait, s. */
  waitSec?: number;
  onError?: (err: unknown) => void;
  /** Called after directives were applied (e.g. to refresh in-memory catalogues). */
  onApplied?: (d: Directive[]) => void;
  /** Where applied changes are announced after commit (the sensor catalogue reloads changed thresholds). */
  events?: EventBus;
  orders?: OrderRouter;
  wake?: (children: string[]) => void;
}

export interface ApplyOptions {
  events?: EventBus;
  /** Orders for records and places below: applied here by their capability's handler, or passed on to a child. */
  orders?: OrderRouter;
  /** Wakes the long-polls of the children an order was passed on to (after commit). */
  wake?: (children: string[]) => void;
  /** A directive that cannot be applied (its payload refused here) is kept as received and reported. */
  onError?: (err: unknown) => void;
}

/**
 * Applies one directive once, in one transaction with storing it as received: a bootstrap's records
 * are written like forwarded ones; a threshold template is put in force here (and this node's sensors
 * on template values moved to it when asked) and relayed to every child registered here. False when
 * it was received before: applying it again changes nothing.
 */
export async function applyDirective(store: Store, d: Directive, now: number, o: ApplyOptions = {}): Promise<boolean> {
  if (d.kind === 'order') return applyOrder(store, d, now, o);
  const { fresh, applied } = await store.db.transaction().execute(async (tx) => {
    const fresh = await receiveDirective(tx, { id: d.id, kind: d.kind, payload: JSON.stringify(d.payload), created_at: d.createdAt, received_at: now });
    if (!fresh) return { fresh, applied: null };
    if (d.kind === 'bootstrap') {
      const records = ((d.payload as { records?: { entity: string; row: Record<string, unknown> }[] })?.records ?? []);
      for (const r of records) {
        if (!isEntity(r.entity)) continue;
        await applyRow(tx, r.entity, r.row);
        // Records from above: no node below this one may claim them.
        const origin = await originOf(tx, r.entity, r.row);
        if (origin) await learnOrigin(tx, origin, 'upstream', now);
      }
    }
    return { fresh, applied: d.kind === 'threshold_template' ? await applyTemplate(tx, d, now, o) : null };
  });
  if (applied && o.events) announceTemplateApplied(o.events, applied);
  // The parent's records are here: the monitoring catalogue takes their sensors now, not at its next round.
  if (fresh && d.kind === 'bootstrap') o.events?.publish('records.bootstrapped', { directive: d.id });
  return fresh;
}

/**
 * An order is applied (or passed on) in one transaction with recording it as received. One its handler
 * refuses is still recorded as received, so that it never blocks the line, and reported.
 */
async function applyOrder(store: Store, d: Directive, now: number, o: ApplyOptions): Promise<boolean> {
  const received = { id: d.id, kind: d.kind, payload: JSON.stringify(d.payload), created_at: d.createdAt, received_at: now };
  try {
    const r = await store.db.transaction().execute(async (tx) => {
      if (!(await receiveDirective(tx, received))) return null;
      if (!o.orders) throw new Invalid('this node routes no orders');
      return o.orders.receive(tx, d.payload);
    });
    if (r?.child) o.wake?.([r.child]);
    return r !== null;
  } catch (err) {
    o.onError?.(new Error(`Directive ${d.id} (order) kept but not applied: ${err instanceof Error ? err.message : String(err)}`));
    return receiveDirective(store.db, received);
  }
}

async function applyTemplate(tx: Executor, d: Directive, now: number, o: ApplyOptions): Promise<TemplateApplication | null> {
  let t;
  try {
    t = parseThresholdTemplate(d.payload, 'payload');
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    o.onError?.(new Invalid(`Directive ${d.id} (threshold_template) kept but not applied: ${err.message}`, err.details));
    return null;
  }
  const nodeId = (await getSetting(tx, 'node.id')) ?? '';
  const applied = await applyThresholdTemplate(tx, t, { nodeId, directiveId: d.id, actorId: null, actorName: `directive ${d.id}`, at: now });
  // The nodes below use it too; their long-polls find it at their next poll.
  await queueForChildren(tx, 'threshold_template', t, `directive ${d.id}`, now);
  return applied;
}

/** The child pulls its inbox with a durable cursor (long-poll), applies each directive once, acknowledges. */
export function startDownlink(o: DownlinkOptions): { stop(): Promise<void> } {
  const abort = new AbortController();
  const waitSec = o.waitSec ?? 20;
  let stopped = false;
  const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms).unref?.());
  const loop = (async () => {
    let backoff = 0;
    while (!stopped) {
      try {
        const cursor = await loadCursor(o.store.db, 'inbox');
        const r = await o.client.get<{ items: Directive[]; cursor: number }>(`/api/v1/sync/inbox?cursor=${cursor}&wait=${waitSec}&node=${encodeURIComponent(o.nodeId)}`, abort.signal, (waitSec + 15) * 1000);
        for (const d of r.items) await applyDirective(o.store, d, o.now(), { events: o.events, onError: o.onError, orders: o.orders, wake: o.wake });
        if (r.cursor > cursor) {
          await saveCursor(o.store.db, 'inbox', r.cursor, o.now());
          await o.client.post('/api/v1/sync/inbox/ack', { cursor: r.cursor }, abort.signal, 10_000);
          o.onApplied?.(r.items);
        }
        backoff = 0;
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
      abort.abort();
      await loop;
    },
  };
}
