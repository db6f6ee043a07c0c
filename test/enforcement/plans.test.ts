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


for (const kind of STORE_KINDS) {
  describe(`special periods and in-depth visits (${kind})`, () => {
    let t: TestNode;
    let officer: string;
    let inspector: string;
    const ids: string[] = [];
    beforeAll(async () => {
      t = await makeTestNode(kind, {}, () => Date.parse('2026-03-10T09:00:00+08:00'));
      officer = (await makeUser(t, t.adminToken, { username: `sp-officer-${kind}`, role: 'county_officer', region: '140108' })).token;
      inspector = (await makeUser(t, t.adminToken, { username: `sp-insp-${kind}`, role: 'inspector', region: '140108' })).token;
      const e = await makeEnterprise(t, officer, { region: '140108' });
      ids.push((await makeSite(t, officer, e, { status: 'producing' })).id);
      ids.push((await makeSite(t, officer, e, { ...mine, status: 'producing' })).id);
      ids.push((await makeSite(t, officer, e, { ...mine, kind: 'open_pit', status: 'suspended' })).id);
    });
    afterAll(async () => t?.cleanup());

    const q3 = (extra: Record<string, unknown> = {}) => t.req('POST', '/api/v1/enforcement/plans', { token: officer, body: { region: '140108', year: 2026, quarter: 3, ...extra } });
    type Visit = { site: string; class: string; seq: number; kind: string; reason: string | null; due: string; inDepth: boolean };

    it('adds unscheduled visits to a quarter plan overlapping 汛期, none without it', async () => {
      const before = await q3();
      expect(before.status).toBe(201);
      expect(before.body.visits.filter((v: Visit) => v.kind === 'unscheduled')).toEqual([]);
      expect((await t.req('POST', '/api/v1/enforcement/special-periods', { token: inspector, body: { region: '140108', name: '汛期', from: '2026-06-01', to: '2026-09-30' } })).status).toBe(403);
      // A period outside the quarter changes nothing; with no classes named, C and D get one visit each.
      const spring = await t.req('POST', '/api/v1/enforcement/special-periods', { token: officer, body: { region: '140108', name: '春节', from: '2026-02-10', to: '2026-02-24' } });
      expect(spring.status).toBe(201);
      expect(spring.body.extraVisits).toEqual({ C: 1, D: 1 });
      expect((await q3()).body.visits.filter((v: Visit) => v.kind === 'unscheduled')).toEqual([]);
      const flood = await t.req('POST', '/api/v1/enforcement/special-periods', { token: officer, body: { region: '140108', name: '汛期', from: '2026-06-01', to: '2026-09-30', extraVisits: { A: 1, B: 1, C: 1, D: 1 } } });
      expect(flood.status).toBe(201);
      const after = await q3();
      const extra = after.body.visits.filter((v: Visit) => v.kind === 'unscheduled');
      expect(extra.map((v: Visit) => v.site).sort()).toEqual([...ids].sort());
      for (const v of extra) expect(v).toMatchObject({ reason: '汛期', due: '2026-09-30', inDepth: false });
      expect(after.body.visits.filter((v: Visit) => v.kind === 'planned')).toHaveLength(before.body.visits.length);
      expect((await t.req('POST', '/api/v1/enforcement/special-periods', { token: officer, body: { region: '140108', name: '倒', from: '2026-06-01', to: '2026-05-01' } })).status).toBe(422);
      // Listed, latest first, to the region's readers; not to another county's.
      const listed = await t.req('GET', '/api/v1/enforcement/special-periods?region=140108', { token: inspector });
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ total: 2, items: [{ name: '汛期', from: '2026-06-01', to: '2026-09-30', extraVisits: { A: 1, B: 1, C: 1, D: 1 } }, { name: '春节', region: '140108' }] });
      const paged = await t.req('GET', '/api/v1/enforcement/special-periods?region=140108&limit=1&offset=1', { token: officer });
      expect(paged.body).toMatchObject({ total: 2, items: [{ name: '春节' }] });
      const elsewhere = (await makeUser(t, t.adminToken, { username: `plan-other-${kind}`, role: 'county_officer', region: '140105' })).token;
      expect((await t.req('GET', '/api/v1/enforcement/special-periods', { token: elsewhere })).body).toEqual({ items: [], total: 0 });
    });

    it('marks in depth the sites named, else each class D site once a year', async () => {
      const year = await t.req('POST', '/api/v1/enforcement/plans', { token: officer, body: { region: '140108', year: 2026 } });
      for (const v of year.body.visits as Visit[]) expect(v.inDepth).toBe(v.kind === 'planned' && v.class === 'D' && v.seq === 1);
      const named = await t.req('POST', '/api/v1/enforcement/plans', { token: officer, body: { region: '140108', year: 2026, inDepth: [ids[1]] } });
      const deep = (named.body.visits as Visit[]).filter((v) => v.inDepth);
      expect(deep.length).toBeGreaterThan(0);
      for (const v of deep) expect(v.site).toBe(ids[1]);
      expect((named.body.visits as Visit[]).filter((v) => v.site === ids[1] && v.kind === 'planned').every((v) => v.inDepth)).toBe(true);
    });
  });
}
