import type { Kysely } from 'kysely';
import { dialectOf } from '../migrate.ts';

/** Monitoring: sensors, readings (by local insertion sequence), point states, rollups, alarms, devices. */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = (big: boolean) => (pg ? (big ? 'bigserial' : 'serial') : 'integer');

  await db.schema
    .createTable('sensors')
    // The local key keeps readings compact; the id is what travels between nodes.
    .addColumn('key', serial(false), (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('elevation', 'double precision')
    .addColumn('x', 'double precision')
    .addColumn('y', 'double precision')
    .addColumn('expected_interval_sec', 'integer', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('rate_rule', 'text')
    .addColumn('derived', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addUniqueConstraint('sensors_site_code', ['site_id', 'code'])
    .execute();

  await db.schema
    .createTable('readings')
    // The insertion sequence is the uplink's cursor: readings are forwarded in the order they were stored.
    .addColumn('seq', serial(true), (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('sensor_key', 'integer', (c) => c.notNull())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('readings_sensor_ts').on('readings').columns(['sensor_key', 'ts']).unique().execute();

  await db.schema
    .createTable('point_states')
    .addColumn('sensor_key', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('alarm_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('point_states_pk', ['sensor_key', 'rule'])
    .execute();

  await db.schema
    .createTable('rollups')
    .addColumn('sensor_key', 'integer', (c) => c.notNull())
    .addColumn('bucket_sec', 'integer', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('min', 'double precision', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addColumn('first_ts', 'bigint', (c) => c.notNull())
    .addColumn('first_value', 'double precision', (c) => c.notNull())
    .addColumn('last_ts', 'bigint', (c) => c.notNull())
    .addColumn('last_value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_pk', ['sensor_key', 'bucket_sec', 'bucket_start'])
    .execute();

  await db.schema
    .createTable('alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('sensor_id', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('current_level', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('message', 'text')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('recovered_at', 'bigint')
    .addColumn('relapses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .addColumn('analysed_at', 'bigint')
    .addColumn('analysed_by', 'text')
    .addColumn('cause', 'text')
    .addColumn('measures', 'text')
    .addColumn('verified_at', 'bigint')
    .addColumn('verified_by', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('closed_by', 'text')
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'bigint')
    .addColumn('reminded_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alarms_site_state').on('alarms').columns(['site_id', 'state']).execute();
  await db.schema.createIndex('alarms_state').on('alarms').columns(['state', 'opened_at']).execute();
  await db.schema.createIndex('alarms_sensor_kind').on('alarms').columns(['sensor_id', 'kind', 'state']).execute();

  await db.schema
    .createTable('alarm_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alarm_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('alarm_actions_alarm').on('alarm_actions').columns(['alarm_id', 'at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alarm_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('notifications_alarm').on('notifications').columns(['alarm_id', 'at']).execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('devices_site').on('devices').column('site_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
