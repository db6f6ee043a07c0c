import type { Executor } from '../../db.ts';
import type { AlarmOrdersTable } from './trust-tables.ts';
import './trust-tables.ts';

export async function insertAlarmOrder(db: Executor, o: AlarmOrdersTable): Promise<void> {
  await db.insertInto('alarm_orders').values(o).execute();
}

/** Orders issued here on this alarm whose outcome (an action with the order's id) has not come back yet. */
export async function listPendingAlarmOrders(db: Executor, alarmId: string) {
  return db
    .selectFrom('alarm_orders')
    .selectAll('alarm_orders')
    .where('alarm_orders.alarm_id', '=', alarmId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('alarm_actions').select('alarm_actions.id').whereRef('alarm_actions.id', '=', 'alarm_orders.id'))))
    .orderBy('issued_at')
    .execute();
}

export async function findAlarmAction(db: Executor, id: string) {
  return db.selectFrom('alarm_actions').select(['id']).where('id', '=', id).executeTakeFirst();
}
