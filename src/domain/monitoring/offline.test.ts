import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OFFLINE_POLICY,
  effectiveInterval,
  isFloodSeason,
  offlineAlarmLevel,
  reminderDue,
  reportedConnectivity,
  sensorConnectivity,
  siteConnectivity,
} from './offline.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
// 2025-03-10 12:00 China time
const NOW = Date.UTC(2025, 2, 10, 4, 0, 0);
const calm = { siteLevel: null, floodSeason: false };

describe('isFloodSeason', () => {
  it('uses the China calendar date, June 1 to September 30 inclusive', () => {
    // 2025-05-31 16:00 UTC is already June 1 00:00 in Beijing
    expect(isFloodSeason(Date.UTC(2025, 4, 31, 15, 59))).toBe(false);
    expect(isFloodSeason(Date.UTC(2025, 4, 31, 16, 0))).toBe(true);
    expect(isFloodSeason(Date.UTC(2025, 8, 30, 15, 59))).toBe(true);
    expect(isFloodSeason(Date.UTC(2025, 8, 30, 16, 0))).toBe(false);
  });
  it('handles a season across New Year', () => {
    const season = { start: { month: 11, day: 15 }, end: { month: 2, day: 1 }, source: 't', confirmed: false };
    expect(isFloodSeason(Date.UTC(2025, 0, 10, 4), season)).toBe(true);
    expect(isFloodSeason(Date.UTC(2025, 5, 10, 4), season)).toBe(false);
  });
});

describe('effectiveInterval', () => {
  it('takes the sensor setting, else the kind default', () => {
    expect(effectiveInterval({ kind: 'surface_displacement' }, { level: null }, false)).toBe(3600);
    expect(effectiveInterval({ kind: 'surface_displacement', expectedIntervalSec: 7200 }, { level: null }, false)).toBe(7200);
  });
  it('shortens to 30 min in a warning state and 1 h in flood season, never lengthens', () => {
    const gnss = { kind: 'surface_displacement' as const, expectedIntervalSec: 21_600 };
    expect(effectiveInterval(gnss, { level: 'blue' }, false)).toBe(1800);
    expect(effectiveInterval(gnss, { level: null }, true)).toBe(3600);
    expect(effectiveInterval(gnss, { level: 'red' }, true)).toBe(1800);
    expect(effectiveInterval({ kind: 'rainfall' }, { level: 'red' }, true)).toBe(600);
  });
});

describe('sensorConnectivity', () => {
  const base = { code: 'GNSS-01', kind: 'surface_displacement' as const, expectedIntervalSec: 3600 };
  it('is offline only after k × interval', () => {
    expect(sensorConnectivity({ ...base, lastSeen: NOW - 3 * H }, NOW, calm).state).toBe('online');
    const off = sensorConnectivity({ ...base, lastSeen: NOW - 3 * H - 1 }, NOW, calm);
    expect(off).toEqual({ code: 'GNSS-01', state: 'offline', intervalSec: 3600, silentSec: 3 * 3600 + 0.001, offlineSince: NOW - 1 });
  });
  it('goes offline sooner when the site is in warning', () => {
    expect(sensorConnectivity({ ...base, lastSeen: NOW - 2 * H }, NOW, calm).state).toBe('online');
    expect(sensorConnectivity({ ...base, lastSeen: NOW - 2 * H }, NOW, { siteLevel: 'yellow', floodSeason: false }).state).toBe('offline');
  });
  it('is repair overdue past 7 days', () => {
    expect(sensorConnectivity({ ...base, lastSeen: NOW - 7 * DAY }, NOW, calm).state).toBe('offline');
    expect(sensorConnectivity({ ...base, lastSeen: NOW - 7 * DAY - 1 }, NOW, calm).state).toBe('repair_overdue');
  });
  it('counts a sensor that never reported from its installation', () => {
    expect(sensorConnectivity({ ...base, lastSeen: null, installedAt: NOW - H }, NOW, calm).state).toBe('online');
    expect(sensorConnectivity({ ...base, lastSeen: null, installedAt: NOW - 4 * H }, NOW, calm).state).toBe('offline');
    expect(sensorConnectivity({ ...base, lastSeen: null }, NOW, calm)).toMatchObject({ state: 'offline', silentSec: null, offlineSince: null });
  });
  it('honours a configured k', () => {
    const policy = { ...DEFAULT_OFFLINE_POLICY, k: 1 };
    expect(sensorConnectivity({ ...base, lastSeen: NOW - H - 1 }, NOW, calm, policy).state).toBe('offline');
  });
});

describe('siteConnectivity', () => {
  const s = (code: string, ago: number) => ({ code, kind: 'water_level' as const, expectedIntervalSec: 600, lastSeen: NOW - ago });
  it('lists offline sensors and finds a silent site', () => {
    const partly = siteConnectivity([s('WL-1', 5 * MIN), s('WL-2', 2 * H), s('WL-3', 8 * DAY)], NOW, calm);
    expect(partly.offline).toEqual(['WL-2', 'WL-3']);
    expect(partly.repairOverdue).toEqual(['WL-3']);
    expect(partly.silent).toBe(false);
    expect(siteConnectivity([s('WL-2', 2 * H), s('WL-3', 8 * DAY)], NOW, calm).silent).toBe(true);
    expect(siteConnectivity([], NOW, calm).silent).toBe(false);
  });
});

describe('offline alarms', () => {
  it('maps states to alarm levels', () => {
    expect(offlineAlarmLevel('online')).toBeNull();
    expect(offlineAlarmLevel('offline')).toBe('yellow');
    expect(offlineAlarmLevel('repair_overdue')).toBe('red');
  });
  it('reminds at once, then every reminder period while silent', () => {
    const since = NOW - 10 * H;
    expect(reminderDue(since, null, NOW)).toBe(true);
    expect(reminderDue(since, NOW - 3 * H, NOW)).toBe(false);
    expect(reminderDue(since, NOW - 4 * H, NOW)).toBe(true);
    expect(reminderDue(NOW + 1, null, NOW)).toBe(false);
  });
});

describe('reportedConnectivity (sensors watched by a node below)', () => {
  const r = (code: string, agoMs: number | null, offlineSince: number | null) => ({ code, kind: 'water_level' as const, expectedIntervalSec: 600, lastSeen: agoMs === null ? null : NOW - agoMs, installedAt: NOW - 30 * DAY, offlineSince });
  it('is offline exactly while the node reports it offline, however old the last reading', () => {
    const c = reportedConnectivity([r('WL-1', 5 * H, null), r('WL-2', 20 * MIN, NOW - 5 * MIN), r('WL-3', 8 * DAY, NOW - 7 * DAY)], NOW, calm);
    expect(c.sensors).toEqual([
      { code: 'WL-1', state: 'online', intervalSec: 600, silentSec: 5 * 3600, offlineSince: null },
      { code: 'WL-2', state: 'offline', intervalSec: 600, silentSec: 20 * 60, offlineSince: NOW - 5 * MIN },
      // Past the 7-day repair limit, counted from the newest reading as the node counts it.
      { code: 'WL-3', state: 'repair_overdue', intervalSec: 600, silentSec: 8 * 86_400, offlineSince: NOW - 7 * DAY },
    ]);
    expect(c.offline).toEqual(['WL-2', 'WL-3']);
    expect(c.repairOverdue).toEqual(['WL-3']);
    expect(c.silent).toBe(false);
  });
  it('counts a sensor that never reported from its installation, and a site silent when all are reported offline', () => {
    const c = reportedConnectivity([r('WL-1', null, NOW - 10 * DAY), r('WL-2', 2 * H, NOW - H)], NOW, calm);
    expect(c.sensors.map((s) => [s.state, s.silentSec])).toEqual([
      ['repair_overdue', 30 * 86_400],
      ['offline', 2 * 3600],
    ]);
    expect(c.silent).toBe(true);
  });
});
