import { sql, type Kysely } from 'kysely';
import { GENESIS, chainAfter, type ChainHead, type ChangeContent } from '../../domain/audit/chain.ts';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * The change log becomes a hash chain per origin node (position, link to the entry before, own hash,
 * and the reason given), with each chain's head kept beside it; the entries already written are
 * chained in their order. From now on the log travels upward like any record, the entries already
 * written included, so that every level holds and verifies the chains of the nodes below it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('change_log').addColumn('node_seq', 'bigint').execute();
  await db.schema.alterTable('change_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('change_log').addColumn('hash', 'text').execute();
  await db.schema.alterTable('change_log').addColumn('reason', 'text').execute();
  await db.schema
    .createTable('change_chain')
    .addColumn('origin_node', 'text', (c) => c.primaryKey())
    .addColumn('node_seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  const heads = new Map<string, ChainHead>();
  for (let after = 0; ; ) {
    const rows = (await db.selectFrom('change_log').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute()) as (ChangeContent & { seq: number })[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const head = heads.get(r.origin_node) ?? { seq: 0, hash: GENESIS };
      const { rows: chained, head: next } = chainAfter(head, [{ ...r, at: Number(r.at), reason: null }]);
      heads.set(r.origin_node, next);
      const c = chained[0]!;
      await db.updateTable('change_log').set({ node_seq: c.node_seq, prev_hash: c.prev_hash, hash: c.hash }).where('seq', '=', r.seq).execute();
    }
    after = Number(rows[rows.length - 1]!.seq);
  }
  for (const [origin, h] of heads) await db.insertInto('change_chain').values({ origin_node: origin, node_seq: h.seq, hash: h.hash }).execute();
  await db.schema.createIndex('change_log_chain').on('change_log').columns(['origin_node', 'node_seq']).unique().execute();

  await createOutboxTrigger(db, { table: 'change_log', stream: 'records', entity: 'change' });
  await sql`INSERT INTO net_outbox (stream, entity, entity_id) SELECT 'records', 'change', id FROM change_log ORDER BY seq`.execute(db);

  // Which child each origin's records arrive through, learnt from the first record of it; records
  // from above (a parent's bootstrap) are marked 'upstream'. A child may only write records owned by
  // a node of its own subtree.
  await db.schema
    .createTable('net_origins')
    .addColumn('origin_node', 'text', (c) => c.primaryKey())
    .addColumn('via_node', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
