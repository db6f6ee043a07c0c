import type { Store } from '../store/db.ts';
import { applyRow } from '../store/repos/network/apply.ts';
import { receiveDirective } from '../store/repos/network/directives.ts';
import { isEntity } from '../store/repos/network/outbox.ts';
import type { ParentClient } from './client.ts';
import { loadCursor, saveCursor } from './cursors.ts';
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
}

/** Applies one directive once: stored as received, and a bootstrap's records written like forwarded ones. */
export async function applyDirective(store: Store, d: Directive, now: number): Promise<boolean> {
  return store.db.transaction().execute(async (tx) => {
    const fresh = await receiveDirective(tx, { id: d.id, kind: d.kind, payload: JSON.stringify(d.payload), created_at: d.createdAt, received_at: now });
    if (!fresh || d.kind !== 'bootstrap') return fresh;
    const records = ((d.payload as { records?: { entity: string; row: Record<string, unknown> }[] })?.records ?? []);
    for (const r of records) if (isEntity(r.entity)) await applyRow(tx, r.entity, r.row);
    return true;
  });
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
        for (const d of r.items) await applyDirective(o.store, d, o.now());
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
