import { describe, expect, it } from 'vitest';
import { initialPointState, type PointState } from '../../domain/monitoring/index.ts';
import { durableChanged, groupBySensor, recoverLast, rollupDeltas } from './plan.ts';

const row = (key: number, ts: number, value: number) => ({ key, ts, value, index: 0 });
const H = 3_600_000;

describe('write-path planning helpers', () => {
  it('groups rows by sensor in ascending key order and sorts only a sensor whose rows came out of order', () => {
    const a = [row(7, 3, 1), row(2, 5, 1), row(7, 1, 2), row(2, 6, 3)];
    const g = groupBySensor(a);
    expect([...g.keys()]).toEqual([2, 7]);
    expect(g.get(2)!.map((r) => r.ts)).toEqual([5, 6]);
    expect(g.get(7)!.map((r) => [r.ts, r.value])).toEqual([[1, 2], [3, 1]]);
    // Rows are the caller's objects, not copies.
    expect(g.get(2)![0]).toBe(a[1]);
  });

  it('aggregates one sensor into 10-minute, hourly and daily buckets (days at local midnight)', () => {
    const day = Date.UTC(2026, 0, 10, 16); // 00:00 in UTC+8
    const rows = [row(1, day - 1, 5), row(1, day + 60_000, 1), row(1, day + 11 * 60_000, 3), row(1, day + H, 9)];
    const d = rollupDeltas(1, rows, 480);
    const pick = (sec: number) => d.filter((x) => x.bucketSec === sec).map((x) => [x.bucketStart - day, x.count, x.sum, x.min, x.max, x.firstValue, x.lastValue]);
    expect(pick(600)).toEqual([[-600_000, 1, 5, 5, 5, 5, 5], [0, 1, 1, 1, 1, 1, 1], [600_000, 1, 3, 3, 3, 3, 3], [H, 1, 9, 9, 9, 9, 9]]);
    expect(pick(3600)).toEqual([[-H, 1, 5, 5, 5, 5, 5], [0, 2, 4, 1, 3, 1, 3], [H, 1, 9, 9, 9, 9, 9]]);
    expect(pick(86_400)).toEqual([[-24 * H, 1, 5, 5, 5, 5, 5], [0, 3, 13, 1, 9, 1, 9]]);
  });

  it('finds a durable change in the level, the alarm, the streaks or the late count, not in the last reading alone', () => {
    const s: PointState = { ...initialPointState(), lastTs: 1, lastValue: 5, pending: { blue: { since: 1, count: 1 } } };
    expect(durableChanged(s, { ...s, lastTs: 2, lastValue: 6, pending: { blue: { since: 1, count: 1 } } })).toBe(false);
    expect(durableChanged(s, { ...s, pending: { blue: { since: 1, count: 2 } } })).toBe(true);
    expect(durableChanged(s, { ...s, pending: {} })).toBe(true);
    expect(durableChanged(s, { ...s, pending: { blue: { since: 1, count: 1 }, red: { since: 2, count: 1 } } })).toBe(true);
    expect(durableChanged(s, { ...s, level: 'blue' })).toBe(true);
    expect(durableChanged(s, { ...s, lateCount: 1 })).toBe(true);
    expect(durableChanged(s, { ...s, alarm: { openedAt: 1, peak: 'blue', recoveredAt: null, relapses: 0 } })).toBe(true);
    const withAlarm = { ...s, alarm: { openedAt: 1, peak: 'blue' as const, recoveredAt: null, relapses: 0 } };
    expect(durableChanged(withAlarm, { ...withAlarm, alarm: { ...withAlarm.alarm } })).toBe(false);
    expect(durableChanged(withAlarm, { ...withAlarm, alarm: { ...withAlarm.alarm, recoveredAt: 5 } })).toBe(true);
    expect(durableChanged(null, s)).toBe(true);
  });

  it('brings a stored state up to the newest stored reading at start', () => {
    const s: PointState = { ...initialPointState(), lastTs: 100, lastValue: 5 };
    expect(recoverLast(s, 'value', { ts: 300, value: 7 }, true)).toEqual({ ...s, lastTs: 300, lastValue: 7 });
    expect(recoverLast(s, 'rate', { ts: 300, value: 7 }, true)).toEqual({ ...s, lastTs: 300, lastValue: 5 });
    expect(recoverLast(s, 'value', { ts: 300, value: 7 }, false)).toEqual({ ...s, lastTs: 300, lastValue: 5 });
    expect(recoverLast(s, 'value', { ts: 50, value: 7 }, true)).toBe(s);
    expect(recoverLast(s, 'value', undefined, true)).toBe(s);
  });
});
