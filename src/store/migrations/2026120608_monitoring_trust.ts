import type { Kysely } from 'kysely';

/**
 * Monitoring the watched party cannot weaken:
 * - alarm_orders: the actions a supervising level took here on an alarm owned by a node below, sent
 *   down as `alarm.act` orders; pending until the alarm's history brings the order's outcome back up.
 * - sensors.thresholds_owner: who set a sensor's thresholds (template, officer, enterprise); those set
 *   by a template or an officer are a floor the enterprise may tighten but not loosen on its own.
 * - monitoring_change_requests: an enterprise's loosening, removal of a level, disabling or deletion
 *   of a regulated sensor, waiting for the supervising level's approval.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alarm_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alarm_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // JSON: the AlarmAction sent.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    // The child it went to.
    .addColumn('child', 'text')
    .execute();
  await db.schema.createIndex('alarm_orders_alarm').on('alarm_orders').columns(['alarm_id', 'issued_at']).execute();

  await db.schema.alterTable('sensors').addColumn('thresholds_owner', 'text').execute();

  await db.schema
    .createTable('monitoring_change_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('sensor_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    // 'thresholds' | 'disable' | 'delete'
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON: the change asked for (the sensor patch), and what it weakens.
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('weakens', 'text', (c) => c.notNull())
    // 'pending' | 'approved' | 'refused'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_by_id', 'text')
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('origin_node', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitoring_change_requests_region').on('monitoring_change_requests').columns(['region_code', 'state', 'requested_at']).execute();
  await db.schema.createIndex('monitoring_change_requests_sensor').on('monitoring_change_requests').columns(['sensor_id', 'state']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
