import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

for (const kind of STORE_KINDS) {
  describe(`supervision classes (${kind})`, () => {
    let t: TestNode;
    let officer: string;
    beforeAll(async () => {
      t = await makeTestNode(kind);
      officer = (await makeUser(t, t.adminToken, { username: `class-officer-${kind}`, role: 'county_officer', region: '140107' })).token;
    });
    afterAll(async () => t?.cleanup());

    const classes = async (q = 'region=140107') => {
      const r = await t.req('GET', `/api/v1/enforcement/classes?${q}`, { token: officer });
      expect(r.status).toBe(200);
      return r.body.items as { enterprise: string; class: string; computedClass: string; score: number; factors: { factor: string; value: unknown; points: number; explanation: string }[]; inspectionsPerYear: number; override: unknown }[];
    };

    it('classes each enterprise from its sites, licence, cases, scores and open alarms, factor by factor', async () => {
      const small = await makeEnterprise(t, officer, { region: '140107' });
      await makeSite(t, officer, small, { kind: 'open_pit', damType: null, damHeight: null, totalStorage: null, standardGrade: 1 });
      await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: small.id, number: `CL-${kind}-1`, issuedAt: new Date().toISOString() } });
      const big = await makeEnterprise(t, officer, { region: '140107' });
      const mine = await makeSite(t, officer, big, { kind: 'underground', damType: null, damHeight: null, totalStorage: null, depth: 900, peopleUnderground: 40 });
      const items = await classes();
      const a = items.find((i) => i.enterprise === small.id)!;
      expect(a.class).toBe('A');
      expect(a.inspectionsPerYear).toBe(1);
      expect(a.factors.map((f) => f.factor)).toEqual(['site_kind', 'scale', 'standardisation', 'licence', 'cases', 'scores', 'major_hazards', 'alarms', 'compliance']);
      const d0 = items.find((i) => i.enterprise === big.id)!;
      // 20 underground + 15 scale + 10 without standardisation + 25 producing without a licence
      expect(d0.score).toBe(70);
      expect(d0.class).toBe('D');
      expect(d0.factors.find((f) => f.factor === 'licence')!.explanation).toMatch(/无安全生产许可证/);
      // An open red alarm and a case add their points; a closed alarm does not.
      const now = Date.now();
      const alarm = (level: string, state: string) => ({ id: uuidv7(), site_id: mine.id, region_code: mine.region, enterprise_id: big.id, kind: 'threshold', level, state, opened_at: now, tier: 'enterprise', created_at: now, updated_at: now, origin_node: 'test' });
      await t.node.store.db.insertInto('alarms').values([alarm('red', 'acknowledged'), alarm('orange', 'closed')] as never).execute();
      await t.req('POST', '/api/v1/cases', { token: officer, body: { kind: 'beyond_boundary', title: '越界', site: mine.id } });
      const d1 = (await classes(`region=140107&enterprise=${big.id}`))[0]!;
      expect(d1.factors.find((f) => f.factor === 'alarms')).toMatchObject({ value: { red: 1, orange: 0 }, points: 15 });
      expect(d1.factors.find((f) => f.factor === 'cases')).toMatchObject({ value: 1, points: 10 });
      expect(d1.score).toBe(95);
    });

    it('is overridden with a reason, keeps the computed class in sight, and the override can be withdrawn', async () => {
      const e = await makeEnterprise(t, officer, { region: '140107' });
      await makeSite(t, officer, e, { kind: 'open_pit', damType: null, damHeight: null, totalStorage: null, status: 'construction' });
      const before = (await classes(`enterprise=${e.id}`))[0]!;
      const noReason = await t.req('POST', `/api/v1/enforcement/classes/${e.id}/override`, { token: officer, body: { class: 'C' } });
      expect(noReason.status).toBe(400);
      const o = await t.req('POST', `/api/v1/enforcement/classes/${e.id}/override`, { token: officer, body: { class: 'C', reason: '周边有居民区，汛期风险高' } });
      expect(o.status).toBe(200);
      expect(o.body).toMatchObject({ class: 'C', computedClass: before.computedClass, inspectionsPerYear: 2, override: { class: 'C', reason: '周边有居民区，汛期风险高' } });
      const back = await t.req('POST', `/api/v1/enforcement/classes/${e.id}/override`, { token: officer, body: { class: null, reason: '风险已消除' } });
      expect(back.body).toMatchObject({ class: before.computedClass, override: null });
      // Asked for one enterprise, the class comes with its override history, oldest first.
      const one = await t.req('GET', `/api/v1/enforcement/classes?enterprise=${e.id}`, { token: officer });
      expect(one.body.items[0].history).toMatchObject([
        { action: 'override', from: before.computedClass, to: 'C', reason: '周边有居民区，汛期风险高' },
        { action: 'withdraw_override', from: 'C', to: before.computedClass, reason: '风险已消除' },
      ]);
      expect((await classes()).every((c) => !('history' in c))).toBe(true);
      const inspector = await makeUser(t, t.adminToken, { username: `class-insp-${kind}`, role: 'inspector', region: '140107' });
      expect((await t.req('POST', `/api/v1/enforcement/classes/${e.id}/override`, { token: inspector.token, body: { class: 'D', reason: 'x' } })).status).toBe(403);
    });

    it('takes thresholds and inspection ceilings from configuration', async () => {
      const rules = await t.req('GET', '/api/v1/enforcement/rules', { token: officer });
      expect(rules.body.inspectionsPerYear).toEqual({ A: 1, B: 1, C: 2, D: 4 });
      expect((await t.req('PUT', '/api/v1/enforcement/rules', { token: officer, body: { inspectionsPerYear: { A: 2 } } })).status).toBe(403);
      const put = await t.req('PUT', '/api/v1/enforcement/rules', { token: t.adminToken, body: { inspectionsPerYear: { A: 2 } } });
      expect(put.body.inspectionsPerYear).toEqual({ A: 2, B: 1, C: 2, D: 4 });
      const items = await classes();
      expect(items.filter((i) => i.class === 'A').every((i) => i.inspectionsPerYear === 2)).toBe(true);
      await t.req('PUT', '/api/v1/enforcement/rules', { token: t.adminToken, body: { inspectionsPerYear: { A: 1 } } });
    });
  
    it('counts open compliance findings of its sites as a factor, and drops them once resolved', async () => {
      const e = await makeEnterprise(t, officer, { region: '140107' });
      const small = await makeSite(t, officer, e, { kind: 'underground', damType: null, damHeight: null, totalStorage: null, status: 'producing', minerals: ['iron'], actualCapacity: 9.5 });
      expect((await t.req('POST', '/api/v1/compliance/run', { token: t.adminToken })).status).toBe(200);
      const open = (await t.req('GET', `/api/v1/compliance/findings?site=${small.id}&limit=100`, { token: t.adminToken })).body.items as { id: string; rule: string; state: string }[];
      expect(open.map((f) => f.rule)).toContain('min_scale');
      const factor = async () => (await classes(`region=140107&enterprise=${e.id}`))[0]!.factors.find((f) => f.factor === 'compliance')!;
      const before = await factor();
      expect(before.points).toBeGreaterThan(0);
      expect(before.explanation).toMatch(new RegExp(`^${open.length} 项合规问题未整改（.*最低生产规模.*）$`));
      expect((before.value as { rules: string[] }).rules).toContain('min_scale');
      for (const f of open) expect((await t.req('POST', `/api/v1/compliance/findings/${f.id}/resolve`, { token: t.adminToken, body: {} })).status).toBe(200);
      expect(await factor()).toMatchObject({ points: 0, value: { open: 0 }, explanation: '无未整改的合规问题' });
    });
  });
}

