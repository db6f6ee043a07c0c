import { describe, expect, it } from 'vitest';
import { CRITERIA_88 } from './criteria-88.ts';
import { candidateCriterion, candidateReason } from './candidates.ts';

describe('hazard candidates from monitoring', () => {
  it('takes real danger, red phreatic and freeboard alarms and a failing monitoring system', () => {
    expect(candidateReason({ kind: 'threshold', level: 'red', cause: null, sensorKind: 'phreatic_depth' })).toBe('phreatic_red');
    expect(candidateReason({ kind: 'threshold', level: 'red', cause: null, sensorKind: 'beach_length' })).toBe('freeboard_red');
    expect(candidateReason({ kind: 'threshold', level: 'orange', cause: null, sensorKind: 'freeboard' })).toBeNull();
    expect(candidateReason({ kind: 'threshold', level: 'yellow', cause: 'danger', sensorKind: 'surface_displacement' })).toBe('danger');
    expect(candidateReason({ kind: 'monitoring_system', level: 'red', cause: null, sensorKind: null })).toBe('monitoring_system');
    expect(candidateReason({ kind: 'threshold', level: 'red', cause: 'false_alarm', sensorKind: 'phreatic_depth' })).toBeNull();
    expect(candidateReason({ kind: 'offline', level: 'red', cause: 'equipment_fault', sensorKind: 'rainfall' })).toBeNull();
  });

  it('pre-selects a criterion of the catalogue for tailings ponds only', () => {
    const ids = new Set(CRITERIA_88.map((c) => c.id));
    for (const r of ['phreatic_red', 'freeboard_red', 'monitoring_system'] as const) expect(ids.has(candidateCriterion(r, 'tailings_pond')!)).toBe(true);
    expect(candidateCriterion('phreatic_red', 'open_pit')).toBeNull();
    expect(candidateCriterion('danger', 'tailings_pond')).toBeNull();
  });
});
