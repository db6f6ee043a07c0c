import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEnforcement } from '../../src/demo/enforcement.ts';
import { seedDemoRegistry } from '../../src/demo/seed.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** A compliance run over the demo's registry and licences gives exactly these findings, each with its reason. */
describe('compliance run over the demo data', () => {
  let t: TestNode;
  const clock = Date.UTC(2026, 6, 1, 2, 0, 0);
  beforeAll(async () => {
    t = await makeTestNode('sqlite', {}, () => clock);
    await seedDemoRegistry(t.node);
    await seedDemoEnforcement(t.node);
  });
  afterAll(() => t?.cleanup());

  it('lists exactly the expected findings', async () => {
    const run = await t.req('POST', '/api/v1/compliance/run', { token: t.adminToken });
    expect(run.status).toBe(200);
    const sites = (await t.req('GET', '/api/v1/sites?limit=500', { token: t.adminToken })).body.items as { id: string; code: string }[];
    const code = new Map(sites.map((s) => [s.id, s.code]));
    const findings = (run.body.findings as { rule: string; site: string | null; message: string }[]).map((f) => `${f.rule} ${f.site ? (code.get(f.site) ?? f.site) : '-'}`).sort();
    expect(findings).toEqual([
      // Mines under the minimum scale are also closure candidates.
      'closure_candidate 140225-UG-01',
      'closure_candidate 140926-UG-01',
      // More than 30 people underground or deeper than 800 m, no consultation recorded.
      'expert_consultation 140224-UG-01',
      'expert_consultation 140827-UG-01',
      'expert_consultation 140923-UG-01',
      'expert_consultation 140924-UG-01',
      // Existing heads-up ponds, and without a treatment plan.
      'heads_up_pond 140924-TP-02',
      'heads_up_pond 141023-TP-01',
      'heads_up_treatment 140924-TP-02',
      'heads_up_treatment 141023-TP-01',
      // Producing without a licence in force (the demo's licences leave these out, one is suspended).
      'licence_valid 140522-OP-01',
      'licence_valid 140722-UG-01',
      'licence_valid 140829-OP-01',
      'licence_valid 140981-OP-01',
      'licence_valid 141023-UG-01',
      'licence_valid 141123-OP-01',
      'min_scale 140225-UG-01',
      'min_scale 140926-UG-01',
      'standardisation_grade 140522-OP-01',
      // The proposed pond 1.9 km from the Yellow River's main course.
      'yellow_river_distance 140827-TP-02',
    ]);
    for (const f of run.body.findings) expect(f.message.length).toBeGreaterThan(5);
    const river = run.body.findings.find((f: { rule: string }) => f.rule === 'yellow_river_distance');
    expect(JSON.stringify(river)).toMatch(/黄河|Huang/);
  });
});
