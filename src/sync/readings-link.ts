import type { Store } from '../store/db.ts';
import type { Horizon } from '../store/repos/network/horizon.ts';
import { firstSeqSince, maxReadingSeq, readReadings } from '../store/repos/network/outbox.ts';
import { loadCursor, saveCursor } from '../store/repos/parent-cursors.ts';
import type { PushBody, PushReply } from './protocol.ts';

export interface ReadingsLinkOptions {
  store: Store;
  nodeId: string;
  now: () => number;
  horizon: Horizon;
  push: (body: PushBody) => Promise<PushReply>;
  /** Readings per batch from the head (and per batch when there is no backlog). */
  liveBatch?: number;
  /** A backlog larger than this drains behind a live cursor instead of in line. */
  liveThreshold?: number;
  /** Bounds of the backfill batch, which adapts so that one backfill push takes about `backfillBudgetMs`. */
  backfillMin?: number;
  backfillMax?: number;
  backfillBudgetMs?: number;
}

/** Readings younger than this when the live range starts are sent with it. */
const LIVE_AGE_MS = 3000;

export type ReadingsOutcome = 'sent' | 'empty' | 'held';

/**
 * Readings upward with two cursors. `readings` is what the parent acknowledged contiguously. When the
 * backlog behind it grows large (after an outage), a live range starts at the head: each cycle sends
 * the newest readings first, then one backfill batch, sized so that the backfill takes a bounded share
 * of the cycle and live readings keep flowing. The parent applies both idempotently by (sensor, ts),
 * remembers the live range, and folds it into its ack when the backfill reaches the range's start;
 * both cursors are durable, so a crash resumes either where it stood.
 */
export function createReadingsLink(o: ReadingsLinkOptions) {
  const db = o.store.db;
  const liveBatch = o.liveBatch ?? 5000;
  const liveThreshold = o.liveThreshold ?? liveBatch;
  const min = o.backfillMin ?? 1000;
  const max = o.backfillMax ?? 20_000;
  const budget = o.backfillBudgetMs ?? 800;
  let backfillBatch = Math.min(max, Math.max(min, 5000));
  /** The last live push did not reach the parent. */
  let liveFailed = false;
  /** How far this node's order has reached the parent: the ack, or the live range's end ahead of it. */
  let sentTo = 0;

  async function state() {
    const [acked, liveFrom, live] = await Promise.all([loadCursor(db, 'readings'), loadCursor(db, 'readings.live_from'), loadCursor(db, 'readings.live')]);
    return { acked, range: liveFrom > 0 ? { from: liveFrom, to: Math.max(live, liveFrom) } : null };
  }

  async function setRange(range: { from: number; to: number } | null) {
    await saveCursor(db, 'readings.live_from', range?.from ?? 0, o.now());
    await saveCursor(db, 'readings.live', range?.to ?? 0, o.now());
  }

  async function send(from: number, limit: number, cap: number, live: boolean) {
    const upTo = Math.min(cap, await o.horizon.upTo(o.store, 'readings', from));
    const readings = await readReadings(db, from, limit, upTo);
    if (readings.length === 0) return null;
    return o.push({ node: o.nodeId, stream: 'readings', from, to: readings[readings.length - 1]![0], readings, ...(live ? { live: true } : {}) });
  }

  async function saveAck(prev: number, r: PushReply) {
    if (r.ack !== prev) await saveCursor(db, 'readings', r.ack, o.now());
    return r.ack;
  }

  return {
    /** How far this node's order has reached the parent (a reading stored after it waits behind those between). */
    sentTo: () => sentTo,

    /** The backlog still to send: behind the ack, less the live range already held by the parent. */
    async backlog(head: number): Promise<number> {
      const s = await state();
      return Math.max(0, head - s.acked - (s.range ? s.range.to - s.range.from : 0));
    },

    async cycle(): Promise<ReadingsOutcome> {
      let { acked, range } = await state();
      const reached = () => (sentTo = Math.max(acked, range?.to ?? 0));
      reached();
      const head = await maxReadingSeq(db);
      // The live range starts at the head when the line is up: while nothing of it could be sent (the
      // parent is away) it moves to the head again, leaving what it passed to the backfill.
      const anchor = !range ? head - acked > liveThreshold : head > range.to && liveFailed && range.to === range.from;
      if (anchor) {
        // Readings of the last moments count as live, not as backlog (those made while the line came back).
        const first = await firstSeqSince(db, acked, head, o.now() - LIVE_AGE_MS, liveBatch);
        const from = first === null ? head : first - 1;
        range = { from, to: from };
        await setRange(range);
      }
      if (!range) {
        const r = await send(acked, liveBatch, Number.MAX_SAFE_INTEGER, false);
        if (!r) return 'empty';
        acked = await saveAck(acked, r);
        reached();
        return r.held ? 'held' : 'sent';
      }

      let sent = false;
      let held = false;
      // Live first: the newest readings never wait behind the backlog.
      let live: PushReply | null;
      try {
        live = await send(range.to, liveBatch, Number.MAX_SAFE_INTEGER, true);
        liveFailed = false;
      } catch (err) {
        liveFailed = true;
        throw err;
      }
      if (live) {
        sent = true;
        held ||= !!live.held;
        acked = await saveAck(acked, live);
        if (live.liveAck != null && live.liveAck > range.to) {
          range = { ...range, to: live.liveAck };
          await setRange(range);
        }
        reached();
      }
      // Then one backfill batch, up to the live range's start (or through the range if the parent lost it).
      if (acked < range.to) {
        const cap = acked < range.from ? range.from : range.to;
        const started = Date.now();
        const r = await send(acked, backfillBatch, cap, false);
        if (r) {
          sent = true;
          held ||= !!r.held;
          acked = await saveAck(acked, r);
          const took = Math.max(1, Date.now() - started);
          const factor = Math.min(2, Math.max(0.5, budget / took));
          backfillBatch = Math.round(Math.min(max, Math.max(min, backfillBatch * factor)));
        }
      }
      if (acked >= range.to) await setRange(null);
      reached();
      return held ? 'held' : sent ? 'sent' : 'empty';
    },
  };
}
