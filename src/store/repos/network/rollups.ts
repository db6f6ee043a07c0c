import type SQLite from 'better-sqlite3';
import type { Store, Tx } from '../../db.ts';
import type { FlushPlan, RollupDelta } from '../../../services/monitoring/plan.ts';
import { pgBulk } from '../monitoring/bulk-pg.ts';
import { sqliteBulk, type SqliteBulk } from '../monitoring/bulk-sqlite.ts';

/** One set of prepared statements per SQLite database (preparing them costs more than a batch's upsert). */
const sqliteBulks = new WeakMap<SQLite.Database, SqliteBulk>();

/**
 * Adds rollup deltas into the rollups table inside the caller's transaction, through the monitoring
 * writer's own upsert. On SQLite the query builder's transaction runs on the same better-sqlite3
 * connection, so the prepared statements join it.
 */
export async function addRollups(store: Store, tx: Tx, deltas: RollupDelta[], now: number): Promise<void> {
  if (deltas.length === 0) return;
  const plan: FlushPlan = { rollups: deltas, states: [], alarmInserts: [], alarmUpdates: [], actions: [], changes: [], touched: [] };
  if (!store.sqlite) return pgBulk.apply(tx, plan, now);
  // Outside a transaction each statement would commit on its own, apart from the readings it counts.
  if (!store.sqlite.inTransaction) throw new Error('rollups of forwarded readings must be written inside the transaction that stores them');
  let bulk = sqliteBulks.get(store.sqlite);
  if (!bulk) sqliteBulks.set(store.sqlite, (bulk = sqliteBulk(store.sqlite)));
  bulk.apply(plan, now);
}
