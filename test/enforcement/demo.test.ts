import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { seedDemoRegistry } from '../../src/demo/seed.ts';
import { seedDemoEnforcement } from '../../src/demo/enforcement.ts';
import { STORE_KINDS } from '../support/stores.ts';

for (const kind of STORE_KINDS) {
  describe(`demo supervision records (${kind})`, () => {
    let t: TestNode;
    beforeAll(async () => {
      t = await makeTestNode(kind, {}, () => Date.parse('2026-07-01T10:00:00+08:00'));
      await seedDemoRegistry(t.node);
    });
    afterAll(async () => t?.cleanup());

    it('gives a newcomer licences, flags, scores, cases, inspections, classes and a plan to look at', async () => {
      const r = await seedDemoEnforcement(t.node);
      expect(r.licences).toBeGreaterThan(10);
      const token = await t.login('sheng', 'Demo2026ka');
      const get = async (url: string) => {
        const res = await t.req('GET', url, { token });
        expect(res.status, url).toBe(200);
        return res.body;
      };
      expect((await get('/api/v1/licences?state=expiring')).total).toBeGreaterThan(0);
      expect((await get('/api/v1/licences?state=suspended')).total).toBeGreaterThan(0);
      expect((await get('/api/v1/licences/flags')).total).toBeGreaterThan(0);
      expect((await get('/api/v1/scores/summary')).items.some((i: { reassessmentDue: boolean }) => i.reassessmentDue)).toBe(true);
      expect((await get('/api/v1/cases')).total).toBe(2);
      const insp = await get('/api/v1/inspections?region=140923');
      expect(insp.items.every((i: { recordNumber: string | null }) => i.recordNumber)).toBe(true);
      const classes = (await get('/api/v1/enforcement/classes?region=140000')).items as { class: string }[];
      expect(new Set(classes.map((c) => c.class)).size).toBeGreaterThan(1);
      expect((await get('/api/v1/enforcement/plans?region=140900')).total).toBe(1);
      const blind = await get('/api/v1/enforcement/blind-spots?region=140900&from=2026-01-01&to=2026-06-30');
      expect(blind.total).toBeGreaterThan(0);
      expect(blind.total).toBeLessThan(blind.sites);
    });
  });
}
