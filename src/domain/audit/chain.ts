import { createHash } from 'node:crypto';

/**
 * The change log as a hash chain, one chain per origin node: each entry carries its position in its
 * node's chain, the hash of the entry before it and the hash of its own content with that link. An
 * entry edited, deleted or slipped in anywhere breaks a link that `verifyChain` names.
 */
export interface ChangeContent {
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  entity: string;
  entity_id: string;
  op: string;
  /** JSON text, as stored. */
  changes: string | null;
  /** Why the change was made, when the action asks for a reason. */
  reason: string | null;
  origin_node: string;
}

export interface ChainedChange extends ChangeContent {
  node_seq: number;
  prev_hash: string;
  hash: string;
}

/** Where a chain stands: its last position and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The link before a chain's first entry. */
export const GENESIS = '0'.repeat(64);

export function entryHash(e: ChangeContent & { node_seq: number; prev_hash: string }): string {
  // An array, not an object: the order of the fields is part of the format and never depends on key order.
  const canonical = JSON.stringify([
    1,
    e.origin_node,
    Number(e.node_seq),
    e.prev_hash,
    e.id,
    Number(e.at),
    e.actor_id,
    e.actor_name,
    e.entity,
    e.entity_id,
    e.op,
    e.changes,
    e.reason,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Links new entries of one origin after its head; returns them with their place and hashes, and the new head. */
export function chainAfter(head: ChainHead, entries: readonly ChangeContent[]): { rows: ChainedChange[]; head: ChainHead } {
  let { seq, hash } = head;
  const rows = entries.map((e) => {
    seq += 1;
    const row = { ...e, node_seq: seq, prev_hash: hash, hash: '' };
    row.hash = entryHash(row);
    hash = row.hash;
    return row;
  });
  return { rows, head: { seq, hash } };
}

export type ChainProblem = 'edited' | 'missing' | 'out_of_place' | 'head_mismatch';

export interface ChainVerdict {
  origin: string;
  /** Entries checked. */
  checked: number;
  /** The last position that verified. */
  lastSeq: number;
  firstBad: null | { nodeSeq: number; id: string | null; problem: ChainProblem; message: string };
}

/**
 * Walks one origin's entries in chain order. A chain held here in full starts at 1; one forwarded
 * from a child may start later (what came before was never sent), so `from` says where it must start;
 * `prev` is the hash the first entry links to when a long chain is walked a page at a time.
 */
export function verifyChain(origin: string, entries: readonly ChainedChange[], opts: { from?: number; prev?: string; head?: ChainHead | null } = {}): ChainVerdict {
  const verdict: ChainVerdict = { origin, checked: 0, lastSeq: 0, firstBad: null };
  const bad = (nodeSeq: number, id: string | null, problem: ChainProblem, message: string) => {
    verdict.firstBad = { nodeSeq, id, problem, message };
    return verdict;
  };
  let expected = opts.from ?? 1;
  let prev: string | null = opts.prev ?? (expected === 1 ? GENESIS : null);
  for (const e of entries) {
    const seq = Number(e.node_seq);
    if (seq < expected) return bad(seq, e.id, 'out_of_place', `entry ${e.id} repeats position ${seq} of the chain (插入)`);
    if (seq > expected) return bad(expected, null, 'missing', `position ${expected} is missing: the entry there was deleted (删除); the next held is ${seq}`);
    if (prev !== null && e.prev_hash !== prev) {
      return bad(seq, e.id, 'out_of_place', `entry ${e.id} at position ${seq} does not follow the entry before it (链接断裂)`);
    }
    if (entryHash(e) !== e.hash) return bad(seq, e.id, 'edited', `entry ${e.id} at position ${seq} was changed after it was written (篡改)`);
    prev = e.hash;
    expected = seq + 1;
    verdict.checked++;
    verdict.lastSeq = seq;
  }
  const head = opts.head;
  if (head && (head.seq !== verdict.lastSeq || (head.seq > 0 && head.hash !== prev))) {
    const at = Math.min(head.seq, verdict.lastSeq + 1);
    return bad(at, null, head.seq > verdict.lastSeq ? 'missing' : 'head_mismatch', `the chain's head says position ${head.seq}, the entries end at ${verdict.lastSeq}: entries at the end were deleted or replaced`);
  }
  return verdict;
}
