import type { Selectable } from 'kysely';
import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { AlarmActionsTable, AlarmsTable } from './tables.ts';

export type AlarmRow = Selectable<AlarmsTable>;

export async function findAlarm(db: Executor, id: string): Promise<AlarmRow | undefined> {
  return db.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAlarms(db: Executor, ids: readonly string[]): Promise<AlarmRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('alarms').selectAll().where('id', 'in', ids).execute();
}

export async function insertAlarm(db: Executor, a: AlarmsTable): Promise<void> {
  await db.insertInto('alarms').values(a).execute();
}

/** Writes the changed fields; refuses (false) when the state moved since it was read. */
export async function updateAlarm(db: Executor, id: string, expectedState: string, set: Partial<AlarmsTable>): Promise<boolean> {
  const r = await db.updateTable('alarms').set(set).where('id', '=', id).where('state', '=', expectedState).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertAlarmAction(db: Executor, a: AlarmActionsTable): Promise<void> {
  await db.insertInto('alarm_actions').values(a).execute();
}

export async function listAlarmActions(db: Executor, alarmId: string) {
  return db.selectFrom('alarm_actions').selectAll().where('alarm_id', '=', alarmId).orderBy('at').orderBy('id').execute();
}

export interface AlarmQuery {
  scope: ScopeFilter;
  site?: string;
  sensor?: string;
  state?: string[];
  level?: string;
  kind?: string;
  /** Only alarms of these kinds (a category). */
  kinds?: readonly string[];
  /** Leave out alarms of these kinds (the safety category excludes the others). */
  notKinds?: readonly string[];
  region?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export async function listAlarms(db: Executor, f: AlarmQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('alarms'), f.scope, 'alarms.region_code', 'alarms.enterprise_id');
    if (f.site) q = q.where('alarms.site_id', '=', f.site);
    if (f.sensor) q = q.where('alarms.sensor_id', '=', f.sensor);
    if (f.state?.length) q = q.where('alarms.state', 'in', f.state);
    if (f.level) q = q.where('alarms.level', '=', f.level);
    if (f.kind) q = q.where('alarms.kind', '=', f.kind);
    if (f.kinds) q = q.where('alarms.kind', 'in', f.kinds as string[]);
    if (f.notKinds) q = q.where('alarms.kind', 'not in', f.notKinds as string[]);
    if (f.region) q = q.where('alarms.region_code', 'like', `${f.region}%`);
    if (f.from !== undefined) q = q.where('alarms.opened_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('alarms.opened_at', '<', f.to);
    return q;
  };
  const items = await filtered().selectAll().orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

/** Alarms still in the loop (not closed) of the given kinds: what the scheduled job works from. */
export async function listLiveAlarms(db: Executor, kinds: readonly string[]): Promise<AlarmRow[]> {
  return db.selectFrom('alarms').selectAll().where('state', '!=', 'closed').where('kind', 'in', kinds).execute();
}

/** Live alarms (not closed, not recovered) of the sensors of some sites, of the given kinds. */
export async function listActiveSensorAlarms(db: Executor, siteIds: readonly string[], kinds: readonly string[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('alarms')
    .select(['site_id', 'sensor_id', 'kind', 'level', 'current_level', 'opened_at'])
    .where('site_id', 'in', siteIds as string[])
    .where('state', '!=', 'closed')
    .where('recovered_at', 'is', null)
    .where('kind', 'in', kinds as string[])
    .where('sensor_id', 'is not', null)
    .execute();
}

/** Live alarms (not closed, not recovered) about whole sites (a station silent), of the given kinds. */
export async function listActiveSiteAlarms(db: Executor, siteIds: readonly string[], kinds: readonly string[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('alarms')
    .select(['site_id', 'kind', 'opened_at'])
    .where('site_id', 'in', siteIds as string[])
    .where('state', '!=', 'closed')
    .where('recovered_at', 'is', null)
    .where('kind', 'in', kinds as string[])
    .where('sensor_id', 'is', null)
    .execute();
}

/** Alarms waiting on a timed step (response, analysis, verification), for escalation. */
export async function listAlarmsAwaitingStep(db: Executor): Promise<AlarmRow[]> {
  return db.selectFrom('alarms').selectAll().where('state', 'in', ['open', 'acknowledged', 'analysed']).execute();
}

/** Unanswered alarms, for escalation. */
export async function listOpenAlarms(db: Executor): Promise<AlarmRow[]> {
  return db.selectFrom('alarms').selectAll().where('state', '=', 'open').execute();
}

/** Open alarm counts per site, kind and level, for the region overview. */
export async function countLiveAlarms(db: Executor, scope: ScopeFilter, region?: string) {
  let q = applyScope(db.selectFrom('alarms'), scope, 'alarms.region_code', 'alarms.enterprise_id').where('state', '!=', 'closed');
  if (region) q = q.where('alarms.region_code', 'like', `${region}%`);
  const rows = await q.select(['site_id', 'kind', 'level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['site_id', 'kind', 'level']).execute();
  return rows.map((r) => ({ siteId: r.site_id, kind: r.kind, level: r.level, n: Number(r.n) }));
}
