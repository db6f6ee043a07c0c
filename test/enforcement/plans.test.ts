import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

const mine = { kind: 'underground', damType: null, damHeight: null, totalStorage: null };

for (const kind of STORE_KINDS) {
  describe(`plans and blind spots (${kind})`, () => {
    let t: TestNode;
    let officer: string;
    let inspector: string;
    const sites: Record<string, { id: string; code: string }> = {};
    beforeAll(async () => {
      t = await makeTestNode(kind, {}, () => Date.parse('2026-03-10T09:00:00+08:00'));
      officer = (await makeUser(t, t.adminToken, { username: `plan-officer-${kind}`, role: 'county_officer', region: '140108' })).token;
      inspector = (await makeUser(t, t.adminToken, { username: `plan-insp-${kind}`, role: 'inspector', region: '140108' })).token;
      const e1 = await makeEnterprise(t, officer, { region: '140108' });
      const e2 = await makeEnterprise(t, officer, { region: '140108' });
      for (const status of ['construction', 'producing', 'suspended', 'awaiting_closure', 'closed']) sites[status] = await makeSite(t, officer, e1, { ...mine, status });
      sites.pond = await makeSite(t, officer, e2, { status: 'producing' });
      sites.unknown = await makeSite(t, officer, e2, { ...mine, kind: 'open_pit', status: null });
      // Elsewhere: must not appear.
      const other = await makeEnterprise(t, t.adminToken, { region: '140105' });
      sites.elsewhere = await makeSite(t, t.adminToken, other, { status: 'producing' });
    });
    afterAll(async () => t?.cleanup());

    const notClosed = () => ['construction', 'producing', 'suspended', 'awaiting_closure', 'pond', 'unknown'].map((k) => sites[k]!.id).sort();

    it('plans the year for every site of the region that is not closed, none left out', async () => {
      const p = await t.req('POST', '/api/v1/enforcement/plans', { token: officer, body: { region: '140108', year: 2026 } });
      expect(p.status).toBe(201);
      const planned = [...new Set(p.body.visits.map((v: { site: string }) => v.site))].sort();
      expect(planned).toEqual(notClosed());
      for (const v of p.body.visits) expect(v.due).toMatch(/^2026-\d\d-\d\d$/);
      // Visits per site follow the class ceilings.
      const classes = await t.req('GET', '/api/v1/enforcement/classes?region=140108', { token: officer });
      for (const c of classes.body.items) {
        for (const s of c.sites) expect(p.body.visits.filter((v: { site: string }) => v.site === s)).toHaveLength(c.inspectionsPerYear);
      }
      const got = await t.req('GET', `/api/v1/enforcement/plans/${p.body.id}`, { token: inspector });
      expect(got.body.visits).toHaveLength(p.body.visits.length);
      expect((await t.req('POST', '/api/v1/enforcement/plans', { token: inspector, body: { region: '140108', year: 2026 } })).status).toBe(403);
    });

    it('splits a year into quarter plans that together cover every site', async () => {
      const covered = new Set<string>();
      for (const quarter of [1, 2, 3, 4]) {
        const p = await t.req('POST', '/api/v1/enforcement/plans', { token: officer, body: { region: '140108', year: 2026, quarter } });
        expect(p.status).toBe(201);
        for (const v of p.body.visits) covered.add(v.site);
        const accounted = new Set([...p.body.visits.map((v: { site: string }) => v.site), ...p.body.elsewhere.map((e: { site: string }) => e.site)]);
        expect([...accounted].sort()).toEqual(notClosed());
      }
      expect([...covered].sort()).toEqual(notClosed());
    });

    it('lists the sites no inspection reached as blind spots', async () => {
      const before = await t.req('GET', '/api/v1/enforcement/blind-spots?region=140108&from=2026-01-01&to=2026-03-31', { token: officer });
      expect(before.status).toBe(200);
      expect(before.body.items.map((s: { site: string }) => s.site).sort()).toEqual(notClosed());
      const i = await t.req('POST', '/api/v1/inspections', { token: inspector, body: { site: sites.producing!.code, kind: 'planned', at: '2026-03-09T10:00:00+08:00' } });
      expect(i.status).toBe(201);
      await t.req('POST', '/api/v1/inspections', { token: inspector, body: { site: sites.pond!.id, kind: 'unscheduled', at: '2025-12-31T10:00:00+08:00' } });
      const after = await t.req('GET', '/api/v1/enforcement/blind-spots?region=140108&from=2026-01-01&to=2026-03-31', { token: officer });
      const ids = after.body.items.map((s: { site: string }) => s.site);
      expect(ids).not.toContain(sites.producing!.id);
      expect(ids).toContain(sites.pond!.id);
      expect(ids).not.toContain(sites.closed!.id);
      expect(after.body.total).toBe(5);
    });
  
    it('lists sites with open compliance findings first and marks them as priorities, with the reasons', async () => {
      const e = await makeEnterprise(t, officer, { region: '140108' });
      const small = await makeSite(t, officer, e, { ...mine, status: 'producing', minerals: ['iron'], actualCapacity: 9.5 });
      expect((await t.req('POST', '/api/v1/compliance/run', { token: t.adminToken })).status).toBe(200);
      const p = await t.req('POST', '/api/v1/enforcement/plans', { token: officer, body: { region: '140108', year: 2026 } });
      expect(p.status).toBe(201);
      const visits = p.body.visits as { site: string; priority: boolean; reasons: string[] }[];
      const mark = visits.find((v) => v.site === small.id)!;
      expect(mark.priority).toBe(true);
      expect(mark.reasons).toContain('合规问题未整改：最低生产规模');
      const firstPlain = visits.findIndex((v) => !v.priority);
      expect(visits.slice(firstPlain === -1 ? visits.length : firstPlain).every((v) => !v.priority)).toBe(true);
      for (const v of visits.filter((x) => !x.priority)) expect(v.reasons).toEqual([]);
      const got = await t.req('GET', `/api/v1/enforcement/plans/${p.body.id}`, { token: inspector });
      expect(got.body.visits.find((v: { site: string }) => v.site === small.id)).toMatchObject({ priority: true });
    });
  });
}

