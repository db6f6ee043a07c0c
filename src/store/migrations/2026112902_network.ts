import type { Kysely } from 'kysely';
import { dialectOf } from '../migrate.ts';
import { createOutboxTrigger } from '../repos/network/entities.ts';

/**
 * What a node tracks upward: tables to which supervised records, alarms and node health are pushed
 * to the outbox by triggers (so the outbox row commits with the change, whoever made it), and
 * the records of this node's children (nodes, cursors, intervals, quarantine, directives).
 */
export const OUTBOX_SOURCES: { table: string; stream: 'records' | 'alarms'; entity: string }[] = [
  { table: 'enterprises', stream: 'records', entity: 'enterprise' },
  { table: 'sites', stream: 'records', entity: 'site' },
  { table: 'sensors', stream: 'records', entity: 'sensor' },
  { table: 'net_nodes', stream: 'records', entity: 'node' },
  { table: 'net_intervals', stream: 'records', entity: 'interval' },
  { table: 'alarms', stream: 'alarms', entity: 'alarm' },
  { table: 'alarm_actions', stream: 'alarms', entity: 'alarm_action' },
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = pg ? 'bigserial' : 'integer';
  const pk = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('net_outbox')
    .addColumn('seq', serial, pk)
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('net_outbox_stream').on('net_outbox').columns(['stream', 'seq']).execute();

  await db.schema
    .createTable('net_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null for nodes registered further down and forwarded here: their token stays with their parent.
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'bigint')
    .addColumn('first_seen', 'bigint')
    .addColumn('last_seen', 'bigint')
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('backlog', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('backlog_age_sec', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sensors_online', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('net_intervals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('net_intervals_node').on('net_intervals').columns(['node_id', 'started_at']).execute();

  await db.schema
    .createTable('net_cursors')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('net_cursors_pk', ['node_id', 'stream'])
    .execute();

  await db.schema
    .createTable('net_quarantine')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('item', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('net_quarantine_node').on('net_quarantine').columns(['node_id', 'at']).execute();

  await db.schema
    .createTable('net_directives')
    .addColumn('seq', serial, pk)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('acked_at', 'bigint')
    .execute();
  await db.schema.createIndex('net_directives_node').on('net_directives').columns(['node_id', 'seq']).execute();

  await db.schema
    .createTable('net_received')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();

  for (const s of OUTBOX_SOURCES) await createOutboxTrigger(db, s);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
