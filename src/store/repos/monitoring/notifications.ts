import type { Executor } from '../../db.ts';

/** A notification row as stored; the base table is declared in tables.ts, the delivery columns come from 2026112904. */
export interface NotificationRow {
  id: string;
  alarm_id: string | null;
  at: number;
  channel: string;
  recipient: string;
  status: string;
  detail: string | null;
  event: string | null;
  attempts: number;
  status_code: number | null;
  updated_at: number | null;
}

// The delivery columns are not in the shared table type: reach them through an untyped handle.
const any = (db: Executor) => db as unknown as Executor & { insertInto(t: 'notifications'): any; updateTable(t: 'notifications'): any; selectFrom(t: 'notifications'): any };

export async function insertNotifications(db: Executor, rows: NotificationRow[]): Promise<void> {
  if (rows.length) await any(db).insertInto('notifications').values(rows).execute();
}

export async function updateNotification(db: Executor, id: string, set: Partial<Pick<NotificationRow, 'status' | 'detail' | 'attempts' | 'status_code' | 'updated_at'>>): Promise<void> {
  await any(db).updateTable('notifications').set(set).where('id', '=', id).execute();
}

export async function listNotifications(db: Executor, alarmId: string): Promise<NotificationRow[]> {
  const rows: NotificationRow[] = await any(db).selectFrom('notifications').selectAll().where('alarm_id', '=', alarmId).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, at: Number(r.at), updated_at: r.updated_at === null ? null : Number(r.updated_at) }));
}

/** The alarm events already notified (e.g. "orange|enterprise"), so that a repeat publish notifies nobody twice. */
export async function notifiedEvents(db: Executor, alarmId: string): Promise<Set<string>> {
  const rows: { event: string | null }[] = await any(db).selectFrom('notifications').select('event').where('alarm_id', '=', alarmId).execute();
  return new Set(rows.map((r) => r.event ?? ''));
}
