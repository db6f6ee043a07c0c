import { sql } from 'kysely';
import type { Executor, Store } from '../../db.ts';

/**
 * How far a sequence may be read without skipping a row that is still to commit.
 *
 * On PostgreSQL, sequence numbers are handed out when rows are inserted, not when they commit: seq 9
 * may still be in flight while seq 10 is already visible. A reader whose cursor passed 10 would never
 * see 9. So a reader stops before the first gap, unless the gap is known to be final: every
 * transaction that was in flight when a gap was first seen below a visible seq has ended since
 * (the current snapshot's xmin has passed that earlier snapshot's xmax). Gaps from rollbacks and
 * conflicting inserts (`ON CONFLICT DO NOTHING` consumes numbers too) thus cost one more poll, not data.
 *
 * SQLite has one writer at a time and numbers commit in order: no horizon is needed.
 */
export interface Horizon {
  /** The highest sequence that may be read after `after` (equal to `after` when nothing may be). */
  upTo(store: Store, table: 'readings' | 'net_outbox', after: number): Promise<number>;
}

/** Gaps seen at a read: those below `seenUpTo` are final once the snapshot xmin reaches `xmax`. */
interface Memo {
  seenUpTo: number;
  xmax: bigint;
  at: number;
}

/** A little time on top of the snapshot rule: a numbered row gets its transaction id a moment after its number. */
const SETTLE_MS = 50;
const SCAN = 50_000;

export function createHorizon(now: () => number = Date.now): Horizon {
  const memos = new Map<string, Memo>();
  return {
    async upTo(store, table, after) {
      if (store.dialect !== 'postgres') return Number.MAX_SAFE_INTEGER;
      const { seqs, xmin, xmax } = await store.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          // The first statement fixes the transaction's snapshot; the seqs below are read in the same one.
          const s = (await sql<{ xmin: string; xmax: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`.execute(tx)).rows[0]!;
          return { seqs: await seqsAfter(tx, table, after), xmin: BigInt(s.xmin), xmax: BigInt(s.xmax) };
        });
      const t = now();
      let memo = memos.get(table);
      let final = after;
      if (memo && xmin >= memo.xmax && t - memo.at >= SETTLE_MS) {
        final = memo.seenUpTo;
        memo = undefined;
      }
      let bound = after;
      for (const s of seqs) {
        if (s !== bound + 1 && s - 1 > final) break;
        bound = s;
      }
      if (bound > final) final = bound;
      if (!memo) memos.set(table, { seenUpTo: seqs.length ? Math.max(seqs[seqs.length - 1]!, final) : final, xmax, at: t });
      return bound;
    },
  };
}

async function seqsAfter(tx: Executor, table: 'readings' | 'net_outbox', after: number): Promise<number[]> {
  const rows = await tx.selectFrom(table).select('seq').where('seq', '>', after).orderBy('seq').limit(SCAN).execute();
  return rows.map((r) => Number(r.seq));
}
