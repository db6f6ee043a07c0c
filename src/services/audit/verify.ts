import { verifyChain, type ChainVerdict } from '../../domain/audit/chain.ts';
import type { Executor } from '../../store/db.ts';
import { chainHead, chainOrigins, readChain } from '../../store/repos/change-log.ts';

const PAGE = 5000;

/**
 * Walks every origin's chain held here, a page at a time. This node's own chain (and any other whose
 * head is kept here) must run from its first entry to its head; a chain forwarded from below may start
 * later (what was written before it was forwarded) but must be unbroken from there.
 */
export async function verifyChains(db: Executor, selfNode: string): Promise<{ ok: boolean; entries: number; chains: (ChainVerdict & { own: boolean })[] }> {
  const chains: (ChainVerdict & { own: boolean })[] = [];
  for (const o of await chainOrigins(db)) {
    const head = await chainHead(db, o.origin);
    const own = o.origin === selfNode || head !== null;
    let verdict: ChainVerdict = { origin: o.origin, checked: 0, lastSeq: 0, firstBad: null };
    let from = own ? 1 : o.from;
    let prev: string | undefined;
    for (;;) {
      const page = await readChain(db, o.origin, from - 1, PAGE);
      const last = page.length < PAGE;
      const v = verifyChain(o.origin, page, { from, prev, head: last ? head : null });
      verdict = { ...v, checked: verdict.checked + v.checked, lastSeq: v.lastSeq || verdict.lastSeq };
      if (v.firstBad || last) break;
      from = v.lastSeq + 1;
      prev = page[page.length - 1]!.hash;
    }
    chains.push({ ...verdict, own });
  }
  return { ok: chains.every((c) => c.firstBad === null), entries: chains.reduce((n, c) => n + c.checked, 0), chains };
}
