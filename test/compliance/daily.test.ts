import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** The daily run is a job of the node's durable scheduler (02:40 China time) and keeps findings like a run on demand. */
describe.each(['sqlite', 'postgres'] as const)('daily compliance run (%s)', (kind) => {
  let t: TestNode;
  let clock = Date.UTC(2026, 11, 5, 12); // 20:00 in China

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    await makeSite(t, t.adminToken, ent, { code: 'HIGHD', isNew: true, damHeight: 250, standardGrade: 1, safetyLicence: 'AQ' });
  });
  afterAll(async () => t?.cleanup());

  it('runs once the 02:40 instant has passed, records the run, and keeps the finding', async () => {
    expect(await t.node.deps.scheduler.tick()).not.toContain('compliance.daily');
    clock = Date.UTC(2026, 11, 5, 18, 41); // 02:41 on the 6th in China
    expect(await t.node.deps.scheduler.tick()).toContain('compliance.daily');
    const last = await t.req('GET', '/api/v1/compliance/runs/last', { token: t.adminToken });
    expect(last.body.run).toMatchObject({ trigger: 'schedule', today: '2026-12-06', added: 1 });
    const f = await t.req('GET', '/api/v1/compliance/findings?rule=pond_dam_height', { token: t.adminToken });
    expect(f.body.items.map((x: any) => [x.siteCode, x.state])).toEqual([['HIGHD', 'new']]);
    expect(await t.node.deps.scheduler.tick()).not.toContain('compliance.daily');
  });
});
