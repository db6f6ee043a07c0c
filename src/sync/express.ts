import type { ReadingTuple } from '../store/repos/network/outbox.ts';
import type { PushBody, PushReply } from './protocol.ts';

export interface ExpressOptions {
  nodeId: string;
  push: (body: PushBody) => Promise<PushReply>;
  /** Whether a reading stored here under this sequence waits behind a backlog in this node's order. */
  behind: (seq: number) => boolean;
  /** Readings per express push. */
  batch?: number;
  /** Readings kept waiting at most; the oldest beyond go only in order. */
  max?: number;
}

/**
 * The express lane of a forwarding node: readings a child sent that were the newest of their sensors
 * here are relayed at once, beside the node's own order, when in that order they wait behind a
 * backlog (a child's backfill passing through). They are copies: the parent acknowledges nothing by
 * them and the same readings follow in order, so a copy lost to a failed push or a restart costs only
 * its head start. Readings close behind what the order has sent are not copied: it carries them as soon.
 */
export function startExpressLane(o: ExpressOptions) {
  const batch = o.batch ?? 20_000;
  const max = o.max ?? 50_000;
  const queue: ReadingTuple[] = [];
  let wake: (() => void) | null = null;
  let stopped = false;

  const loop = (async () => {
    while (!stopped) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      // Those close behind what the order has sent arrive with it as soon: their copies are dropped.
      const readings = queue.splice(0, batch).filter((r) => o.behind(r[0]));
      if (readings.length === 0) continue;
      try {
        await o.push({ node: o.nodeId, stream: 'readings', from: readings[0]![0] - 1, to: readings[readings.length - 1]![0], express: true, readings });
      } catch {
        // A head start lost: these readings follow in order.
      }
    }
  })();

  return {
    add(readings: readonly ReadingTuple[]) {
      if (stopped) return;
      for (const r of readings) queue.push(r);
      if (queue.length > max) queue.splice(0, queue.length - max);
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
