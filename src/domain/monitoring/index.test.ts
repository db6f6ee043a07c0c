import { describe, expect, it } from 'vitest';
import * as monitoring from './index.ts';

describe('monitoring index', () => {
  it('exposes the entry points other layers use', () => {
    for (const name of [
      'evaluate',
      'alarmClosed',
      'levelFor',
      'validateThresholds',
      'templateFor',
      'aggregateSite',
      'siteStatus',
      'siteConnectivity',
      'effectiveInterval',
      'transition',
      'dueEscalations',
      'instructionFor',
      'qualityFlags',
      'rateReading',
      'windowSum',
      'implausibleReason',
    ]) {
      expect(typeof (monitoring as Record<string, unknown>)[name], name).toBe('function');
    }
  });
  it('runs a reading end to end: template → evaluate → aggregate', () => {
    const rule = monitoring.templateFor({ grade: 3, damType: 'upstream', kind: 'freeboard' })!;
    const { events, state } = monitoring.evaluate(null, { ts: 1_750_000_000_000, value: 0.6 }, rule);
    expect(events.map((e) => e.type)).toEqual(['opened']);
    const status = monitoring.siteStatus([{ sensor: 'FB-01', kind: 'freeboard', level: state.level }], []);
    expect(status.level).toBe('red');
  });
});
