import type { Role } from '../../api/types.ts';
import type { Alarm, AlarmAction, AlarmState } from './model.ts';

// A mirror of the server's handling-loop table (domain/monitoring/alarm-loop.ts), only to offer the
// buttons a user could use; the server decides every request, and the drawer shows its own list.
const FROM: Record<AlarmAction, AlarmState[]> = {
  ack: ['open'],
  analyse: ['acknowledged', 'analysed'],
  verify: ['analysed'],
  reject: ['analysed'],
  close: ['verified'],
  escalate: ['open'],
};
const ENTERPRISE: Role[] = ['enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff'];
const OFFICERS: Role[] = ['county_officer', 'city_officer', 'province_officer'];
const ROLES: Record<AlarmAction, Role[]> = {
  ack: [...ENTERPRISE, 'admin'],
  analyse: ['enterprise_principal', 'enterprise_safety_officer', 'admin'],
  verify: [...OFFICERS, 'inspector', 'admin'],
  reject: [...OFFICERS, 'inspector', 'admin'],
  close: [...OFFICERS, 'admin'],
  escalate: ['admin'],
};
/** The order buttons appear in: the loop's order. */
export const ACTION_ORDER: AlarmAction[] = ['ack', 'analyse', 'verify', 'reject', 'close', 'escalate'];

export function actionsFor(role: Role, a: Pick<Alarm, 'state' | 'tier'>): AlarmAction[] {
  return ACTION_ORDER.filter((x) => ROLES[x].includes(role) && FROM[x].includes(a.state) && !(x === 'escalate' && a.tier === 'province'));
}
