import type { Executor } from '../../db.ts';

/**
 * A site's alarms that may suggest a major hazard (analysed as danger, red on a phreatic or
 * freeboard/beach sensor, a failing monitoring system), with the sensor's kind and code, and the
 * hazard already registered from each, newest first. The rule itself is candidateReason's.
 */
export async function listCandidateAlarms(db: Executor, siteId: string, sensorKinds: readonly string[], limit = 200) {
  return db
    .selectFrom('alarms as a')
    .leftJoin('sensors as s', 's.id', 'a.sensor_id')
    .leftJoin('hazards as h', (j) => j.onRef('h.source_ref', '=', 'a.id').on('h.source', '=', 'alarm'))
    .where('a.site_id', '=', siteId)
    .where((eb) => eb.or([eb('a.cause', '=', 'danger'), eb('a.kind', '=', 'monitoring_system'), eb.and([eb('a.level', '=', 'red'), eb('s.kind', 'in', [...sensorKinds])])]))
    .selectAll('a')
    .select(['s.kind as sensor_kind', 's.code as sensor_code', 's.name as sensor_name', 'h.id as hazard_id'])
    .orderBy('a.opened_at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The hazard registered from an alarm, if any. */
export async function findHazardFromAlarm(db: Executor, alarmId: string) {
  return db.selectFrom('hazards').select('id').where('source', '=', 'alarm').where('source_ref', '=', alarmId).orderBy('created_at').executeTakeFirst();
}
