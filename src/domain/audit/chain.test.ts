import { describe, expect, it } from 'vitest';
import { GENESIS, chainAfter, entryHash, verifyChain, type ChangeContent } from './chain.ts';

const entry = (i: number): ChangeContent => ({
  id: `id-${i}`,
  at: 1_700_000_000_000 + i,
  actor_id: 'u1',
  actor_name: '张三',
  entity: 'hazard',
  entity_id: `h-${i % 3}`,
  op: i % 2 ? 'update' : 'create',
  changes: JSON.stringify({ n: i, text: '隐患整改' }),
  reason: i % 4 === 0 ? '复查' : null,
  origin_node: 'node-a',
});

const chain = (n: number) => chainAfter({ seq: 0, hash: GENESIS }, Array.from({ length: n }, (_, i) => entry(i + 1)));

describe('change-log hash chain', () => {
  it('links each entry to the one before and verifies a whole chain', () => {
    const { rows, head } = chain(5);
    expect(rows.map((r) => r.node_seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS);
    expect(rows[3]!.prev_hash).toBe(rows[2]!.hash);
    expect(head).toEqual({ seq: 5, hash: rows[4]!.hash });
    expect(verifyChain('node-a', rows, { head })).toMatchObject({ checked: 5, lastSeq: 5, firstBad: null });
  });

  it('continues a chain from its head', () => {
    const first = chain(2);
    const more = chainAfter(first.head, [entry(3)]);
    expect(more.rows[0]).toMatchObject({ node_seq: 3, prev_hash: first.head.hash });
    expect(verifyChain('node-a', [...first.rows, ...more.rows], { head: more.head }).firstBad).toBeNull();
  });

  it('names an edited entry', () => {
    const { rows, head } = chain(5);
    rows[2] = { ...rows[2]!, changes: JSON.stringify({ n: 3, text: '已整改' }) };
    expect(verifyChain('node-a', rows, { head }).firstBad).toMatchObject({ nodeSeq: 3, id: 'id-3', problem: 'edited' });
  });

  it('names an entry edited with its hash recomputed, by the link after it', () => {
    const { rows, head } = chain(5);
    const forged = { ...rows[1]!, actor_name: '李四' };
    rows[1] = { ...forged, hash: entryHash(forged) };
    expect(verifyChain('node-a', rows, { head }).firstBad).toMatchObject({ nodeSeq: 3, problem: 'out_of_place' });
  });

  it('names a deleted entry in the middle and at the end', () => {
    const { rows, head } = chain(5);
    expect(verifyChain('node-a', rows.filter((r) => r.node_seq !== 2), { head }).firstBad).toMatchObject({ nodeSeq: 2, problem: 'missing' });
    expect(verifyChain('node-a', rows.slice(0, 4), { head }).firstBad).toMatchObject({ nodeSeq: 5, problem: 'missing' });
  });

  it('names an entry slipped in out of place', () => {
    const { rows, head } = chain(4);
    const intruder = chainAfter({ seq: 1, hash: rows[0]!.hash }, [{ ...entry(9), id: 'intruder' }]).rows[0]!;
    const tampered = [rows[0]!, intruder, ...rows.slice(1)];
    expect(verifyChain('node-a', tampered, { head }).firstBad).toMatchObject({ nodeSeq: 2, id: 'id-2', problem: 'out_of_place' });
  });

  it('verifies a forwarded chain that starts after its beginning', () => {
    const { rows } = chain(6);
    expect(verifyChain('node-a', rows.slice(2), { from: 3 })).toMatchObject({ checked: 4, lastSeq: 6, firstBad: null });
  });

  it('keeps a hash that does not depend on how numbers arrive (PostgreSQL bigint as number)', () => {
    const { rows } = chain(1);
    expect(entryHash({ ...rows[0]!, at: Number(String(rows[0]!.at)) })).toBe(rows[0]!.hash);
  });
});
