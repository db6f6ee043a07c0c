import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDualPrevention } from '../../src/demo/dualprev.ts';
import { seedDemoRegistry } from '../../src/demo/seed.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

describe('demo dual prevention', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('loads risk registers of every level and hazards at every step, some overdue and listed', async () => {
    expect(await seedDemoRegistry(t.node)).not.toBeNull();
    const seeded = await seedDemoDualPrevention(t.node);
    expect(seeded.risks).toBeGreaterThan(50);
    const stats = (await t.req('GET', '/api/v1/risks/stats', { token: t.adminToken })).body;
    for (const l of ['major', 'significant', 'general', 'low']) expect(stats.byLevel[l], l).toBeGreaterThan(0);
    const all = (await t.req('GET', '/api/v1/hazards?limit=1000', { token: t.adminToken })).body;
    expect(all.total).toBe(seeded.hazards);
    const states = new Set(all.items.map((h: { state: string }) => h.state));
    for (const s of ['registered', 'planned', 'rectified', 'closed']) expect(states).toContain(s);
    expect(all.items.some((h: { overdue: boolean }) => h.overdue)).toBe(true);
    expect(all.items.some((h: { supervisedAt: number | null }) => h.supervisedAt !== null)).toBe(true);
  });
});
