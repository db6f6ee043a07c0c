import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { seedDemoRegistry } from '../../src/demo/seed.ts';
import { DRIFTING_POND, DROPPING_STATION, SILENT_GAUGE, YELLOW_POND, startDemoMonitoring } from '../../src/demo/monitoring.ts';
import { DEMO_ENTERPRISES } from '../../src/demo/registry-data.ts';

describe('demo dataset', () => {
  let t: TestNode;
  let clock = Date.UTC(2026, 6, 1, 2, 0, 0);
  let stop: () => void = () => {};
  beforeAll(async () => {
    t = await makeTestNode('sqlite', {}, () => clock);
  });
  afterAll(async () => {
    stop();
    await t?.cleanup();
  });

  it('loads enterprises, mines and ponds of several grades in several cities, once', async () => {
    const r = await seedDemoRegistry(t.node);
    expect(r?.enterprises).toBe(DEMO_ENTERPRISES.length);
    expect(await seedDemoRegistry(t.node)).toBeNull();
    const sites = await t.req('GET', '/api/v1/sites?limit=200', { token: t.adminToken });
    expect(sites.body.total).toBe(r!.sites);
    const grades = new Set(sites.body.items.filter((s: { kind: string }) => s.kind === 'tailings_pond').map((s: { grade: number }) => s.grade));
    expect(grades.size).toBeGreaterThanOrEqual(4);
    const cities = new Set(sites.body.items.map((s: { region: string }) => s.region.slice(0, 4)));
    expect(cities.size).toBeGreaterThanOrEqual(6);
    expect(await t.login('daixian', 'Demo2026ka')).toMatch(/^ku_/);
  });

  it('streams readings: the drifting pond reaches a warning and the dropping station goes offline', async () => {
    stop = await startDemoMonitoring(t.node, { tickMs: 3_600_000, backfillHours: 2 });
    const m = t.node.services.monitoring;
    const tickAt = async (minutes: number) => {
      clock += minutes * 60_000;
      // The stream's timer is slow in this test; drive it by restarting at the new instant.
      stop();
      stop = await startDemoMonitoring(t.node, { tickMs: 3_600_000 });
      await m.writer.drain();
      await m.jobs.tick();
    };
    await m.writer.drain();
    const before = await t.req('GET', `/api/v1/sites/${DRIFTING_POND}/status`, { token: t.adminToken });
    expect(before.body.level).toBeNull();
    const yellow = await t.req('GET', `/api/v1/sites/${YELLOW_POND}/status`, { token: t.adminToken });
    expect(yellow.body.level).toBe('yellow');
    for (let i = 0; i < 10; i++) await tickAt(5);
    const after = await t.req('GET', `/api/v1/sites/${DRIFTING_POND}/status`, { token: t.adminToken });
    expect(['orange', 'red']).toContain(after.body.level);
    const offline = await t.req('GET', `/api/v1/sites/${DROPPING_STATION}/status`, { token: t.adminToken });
    expect(offline.body.offline.length).toBeGreaterThan(0);
    const readings = await t.req('GET', `/api/v1/sites/${DRIFTING_POND}/sensors/WL-01/readings?from=${clock - 3 * 3600_000}&to=${clock}`, { token: t.adminToken });
    expect(readings.body.items.length).toBeGreaterThan(10);
    // The gauge stops sending at red: the pond keeps the red and the point is marked stale.
    for (let i = 0; i < 2; i++) await tickAt(5);
    const silent = await t.req('GET', `/api/v1/sites/${DRIFTING_POND}/status`, { token: t.adminToken });
    expect(silent.body.level).toBe('red');
    const points = silent.body.items.flatMap((it: { points: { sensor: string; level: string | null; stale: boolean }[] }) => it.points);
    expect(points.filter((p: { level: string | null; stale: boolean }) => p.level === 'red' && p.stale).map((p: { sensor: string }) => p.sensor)).toContain(SILENT_GAUGE);
  });
});
