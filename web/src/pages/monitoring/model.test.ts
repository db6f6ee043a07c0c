import { describe, expect, it } from 'vitest';
import { actionsFor } from './alarmActions.ts';
import { needsWithdrawal, stepFor } from './model.ts';
import { thresholdLines, yExtent } from './SensorChart.tsx';

const H = 3_600_000;
const D = 24 * H;

describe('monitoring view rules', () => {
  it('rolls a range up by its length: raw ≤ 1 day, 10m ≤ 7 days, 1h ≤ 90 days, 1d beyond', () => {
    expect([H, D, D + 1, 7 * D, 7 * D + 1, 90 * D, 90 * D + 1, 365 * D].map(stepFor)).toEqual([undefined, undefined, '10m', '10m', '1h', '1h', '1d', '1d']);
  });
  it('draws a line for each level with a value, in level order', () => {
    expect(thresholdLines({ direction: 'above', red: 104, blue: 101, yellow: null })).toEqual([
      { level: 'blue', value: 101 },
      { level: 'red', value: 104 },
    ]);
  });
  it('keeps the first warning line in view and rounds the axis ends', () => {
    expect(yExtent([100, 100.9], [{ value: 101 }, { value: 104 }])).toEqual([99.5, 101.5]);
    expect(yExtent([], [])).toBeNull();
  });
  it('offers the loop steps a role may take in the alarm state', () => {
    expect(actionsFor('enterprise_staff', { state: 'open', tier: 'enterprise' })).toEqual(['ack']);
    expect(actionsFor('enterprise_staff', { state: 'acknowledged', tier: 'enterprise' })).toEqual([]);
    expect(actionsFor('enterprise_safety_officer', { state: 'acknowledged', tier: 'enterprise' })).toEqual(['analyse']);
    expect(actionsFor('county_officer', { state: 'analysed', tier: 'county' })).toEqual(['verify', 'reject']);
    expect(actionsFor('city_officer', { state: 'verified', tier: 'city' })).toEqual(['close']);
    expect(actionsFor('admin', { state: 'open', tier: 'province' })).toEqual(['ack']);
  });
  it('shows the withdrawal order for a live red goaf ground-pressure alarm only', () => {
    expect(needsWithdrawal({ sensorKind: 'ground_pressure', level: 'red', state: 'open' })).toBe(true);
    expect(needsWithdrawal({ sensorKind: 'ground_pressure', level: 'red', state: 'closed' })).toBe(false);
    expect(needsWithdrawal({ sensorKind: 'ground_pressure', level: 'orange', state: 'open' })).toBe(false);
    expect(needsWithdrawal({ sensorKind: 'water_level', level: 'red', state: 'open' })).toBe(false);
  });
});
