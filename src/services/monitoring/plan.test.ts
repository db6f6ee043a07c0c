import { describe, expect, it } from 'vitest';
import { initialPointState, type PointState } from '../../domain/monitoring/index.ts';
import { instructionFor } from '../../domain/monitoring/index.ts';
import type { Sensor } from '../../store/repos/monitoring/sensors.ts';
import { createCatalog } from './catalog.ts';
import { durableChanged, groupBySensor, planFlush, recoverLast, rollupDeltas, type Point } from './plan.ts';

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

  it('gives an alarm the text of each new peak (a goaf red carries the withdrawal order); a fall keeps it', () => {
    const catalog = createCatalog();
    const sensor = {
      key: 1, id: 's-1', siteId: 'site-1', code: 'GP1', name: null, kind: 'ground_pressure', unit: 'MPa',
      position: { section: null, elevation: null, x: null, y: null }, expectedIntervalSec: 600,
      thresholds: { direction: 'above', blue: 10, yellow: 12, orange: 14, red: 16, minCount: 1 },
      rateRule: null, derived: null, disabled: false, createdAt: 0, updatedAt: 0, version: 1, originNode: 'n1',
    } as unknown as Sensor;
    catalog.put(sensor, { id: 'site-1', code: 'M1', region: '140105', enterprise: 'e1', kind: 'underground_mine' });
    const points = new Map<string, Point>();
    const flush = (ts: number, value: number) => {
      const r = planFlush(groupBySensor([row(1, ts, value)]), { catalog, points, closed: new Set(), history: new Map(), now: ts, nodeId: 'n1', utcOffsetMin: 480 });
      for (const [id, p] of r.points) points.set(id, p);
      return r.plan;
    };
    const opened = flush(H, 12.5);
    expect(opened.alarmInserts[0]!.message).toBe('M1/GP1 黄色预警: 监测值 12.5 MPa');
    const red = flush(2 * H, 16.2);
    const order = instructionFor('ground_pressure', 'red')!.zh;
    expect(red.alarmUpdates).toEqual([expect.objectContaining({ level: 'red', current_level: 'red', message: `M1/GP1 红色预警: 监测值 16.2 MPa。${order}` })]);
    expect(JSON.parse(red.changes[0]!.changes!)).toMatchObject({ level: 'red', message: `M1/GP1 红色预警: 监测值 16.2 MPa。${order}` });
    const lower = flush(3 * H, 12.1);
    expect(lower.alarmUpdates).toEqual([expect.objectContaining({ level: 'red', current_level: 'yellow', message: null })]);
  });
});
