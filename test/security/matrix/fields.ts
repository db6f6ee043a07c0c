import { uuidv7 } from 'uuidv7';
import type { Records } from './world.ts';

let seq = 0;

/** Values for named fields of bodies and queries: the records of the place a request aims at. */
export function fieldsFor(r: Records): Record<string, unknown> {
  return {
    site: r.sites,
    enterprise: r.enterprises,
    region: r.regions,
    sensor: r.sensors,
    node: r.nodes,
    campaign: r.campaigns,
    task: r.tasks,
    person: r.persons,
    inspection: r.inspections,
    hazard: r.hazards,
    risk: r.risks,
    case: r.cases,
    licence: r.licences,
    alarm: r.alarms,
    issuedAt: '2025-01-01',
    from: '2026-01-01',
    to: '2026-12-31',
    evidence: [r.files],
    files: [r.files],
    id: uuidv7(),
    username: `mx_new_${++seq}`,
    password: 'Passw0rd1',
  };
}
