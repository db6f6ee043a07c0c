import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

for (const kind of STORE_KINDS) {
  describe(`inspections (${kind})`, () => {
    let t: TestNode;
    let inspector: string;
    let other: string;
    let site: { id: string; code: string };
    beforeAll(async () => {
      t = await makeTestNode(kind);
      inspector = (await makeUser(t, t.adminToken, { username: `insp-a-${kind}`, role: 'inspector', region: '140109' })).token;
      other = (await makeUser(t, t.adminToken, { username: `insp-b-${kind}`, role: 'inspector', region: '140109' })).token;
      const e = await makeEnterprise(t, t.adminToken, { region: '140109' });
      site = await makeSite(t, t.adminToken, e);
    });
    afterAll(async () => t?.cleanup());

    it('creates idempotently with a client-made id, records findings, completes once with numbered documents', async () => {
      const id = uuidv7();
      const a = await t.req('POST', '/api/v1/inspections', { token: inspector, body: { id, site: site.code, kind: 'in_depth' } });
      expect(a.status).toBe(201);
      const again = await t.req('POST', '/api/v1/inspections', { token: inspector, body: { id, site: site.code, kind: 'in_depth' } });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(id);
      expect((await t.req('GET', `/api/v1/inspections?site=${site.id}`, { token: inspector })).body.total).toBe(1);
      expect((await t.req('POST', '/api/v1/inspections', { token: inspector, body: { id, site: site.code, kind: 'planned' } })).status).toBe(409);
      const f = await t.req('POST', `/api/v1/inspections/${id}/findings`, { token: inspector, body: { description: '排洪设施堵塞', grade: 'major', deadline: '2026-12-31' } });
      expect(f.status).toBe(201);
      expect(f.body).toMatchObject({ grade: 'major', deadline: '2026-12-31', inspection: id });
      // The finding opened a hazard in the enterprise's ledger.
      expect(f.body.hazard).toEqual(expect.any(String));
      const h = await t.req('GET', `/api/v1/hazards/${f.body.hazard}`, { token: inspector });
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ grade: 'major', source: 'inspection', sourceRef: id, description: '排洪设施堵塞' });
      const done = await t.req('POST', `/api/v1/inspections/${id}/complete`, { token: inspector, body: {} });
      expect(done.status).toBe(200);
      expect(done.body.state).toBe('completed');
      expect(done.body.recordNumber).toMatch(/^140109〔\d{4}〕检记\d{4}号$/);
      expect(done.body.orderNumber).toMatch(/^140109〔\d{4}〕责改\d{4}号$/);
      const twice = await t.req('POST', `/api/v1/inspections/${id}/complete`, { token: inspector, body: {} });
      expect(twice.status).toBe(409);
      expect(twice.body.error.details).toMatchObject({ state: 'completed', action: 'complete' });
      expect((await t.req('POST', `/api/v1/inspections/${id}/findings`, { token: inspector, body: { description: 'x', grade: 'general' } })).status).toBe(409);
      const g = await t.req('GET', `/api/v1/inspections/${id}`, { token: inspector });
      expect(g.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'finding', 'complete']);
    });

    it('numbers records per region and year with no gap and no repeat when inspectors complete at once', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await t.req('POST', '/api/v1/inspections', { token: i % 2 ? other : inspector, body: { site: site.id, kind: 'planned' } })).body.id);
      const before = await t.req('GET', '/api/v1/inspections?state=completed&region=140109', { token: inspector });
      const taken = before.body.items.map((i: { recordNumber: string }) => Number(/(\d{4})号$/.exec(i.recordNumber)![1]));
      const results = await Promise.all(ids.map((id, i) => t.req('POST', `/api/v1/inspections/${id}/complete`, { token: i % 2 ? other : inspector, body: {} })));
      for (const r of results) expect(r.status).toBe(200);
      // The same one completed twice at once: one wins, the other is refused and takes no number.
      const last = (await t.req('POST', '/api/v1/inspections', { token: inspector, body: { site: site.id, kind: 'unscheduled' } })).body.id;
      const race = await Promise.all([inspector, other].map((tok) => t.req('POST', `/api/v1/inspections/${last}/complete`, { token: tok, body: {} })));
      expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
      const all = await t.req('GET', '/api/v1/inspections?state=completed&region=140109&limit=100', { token: inspector });
      const seqs = all.body.items.map((i: { recordNumber: string }) => Number(/(\d{4})号$/.exec(i.recordNumber)![1])).sort((a: number, b: number) => a - b);
      expect(seqs).toEqual(Array.from({ length: taken.length + 7 }, (_, i) => i + 1));
    });

    it('lets enterprise users read their inspections but not record them', async () => {
      const e = await makeEnterprise(t, t.adminToken, { region: '140109' });
      const s = await makeSite(t, t.adminToken, e);
      const staff = await makeUser(t, t.adminToken, { username: `insp-staff-${kind}`, role: 'enterprise_staff', enterprise: e.id });
      expect((await t.req('POST', '/api/v1/inspections', { token: staff.token, body: { site: s.id, kind: 'planned' } })).status).toBe(403);
      const i = await t.req('POST', '/api/v1/inspections', { token: inspector, body: { site: s.id, kind: 'planned' } });
      const list = await t.req('GET', '/api/v1/inspections', { token: staff.token });
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([i.body.id]);
    });

    it("reviews a finding (复查) once its hazard is rectified in the enterprise's ledger, once", async () => {
      const i = await t.req('POST', '/api/v1/inspections', { token: inspector, body: { site: site.id, kind: 'planned' } });
      const f = await t.req('POST', `/api/v1/inspections/${i.body.id}/findings`, { token: inspector, body: { description: '坝面冲沟未修复', grade: 'general' } });
      expect(f.body.hazard).toBeTruthy();
      const verify = () => t.req('POST', `/api/v1/inspections/${i.body.id}/findings/${f.body.id}/verify`, { token: inspector, body: { note: '复查合格' } });
      expect((await verify()).body.error.code).toBe('not_rectified');
      expect((await t.req('POST', `/api/v1/hazards/${f.body.hazard}/rectify`, { token: t.adminToken, body: { note: '已修复' } })).status).toBe(200);
      const ok = await verify();
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ hazardState: 'rectified', verificationNote: '复查合格' });
      expect((await verify()).body.error.code).toBe('already_verified');
      expect((await t.req('POST', `/api/v1/inspections/${i.body.id}/findings/nope/verify`, { token: inspector, body: {} })).status).toBe(404);
    });
  });
}

for (const kind of STORE_KINDS) {
  describe(`inspection checklists (${kind})`, () => {
    let t: TestNode;
    let inspector: string;
    let officer: string;
    let pond: { id: string };
    let mine: { id: string };
    beforeAll(async () => {
      t = await makeTestNode(kind);
      inspector = (await makeUser(t, t.adminToken, { username: `chk-insp-${kind}`, role: 'inspector', region: '140109' })).token;
      officer = (await makeUser(t, t.adminToken, { username: `chk-officer-${kind}`, role: 'county_officer', region: '140109' })).token;
      const e = await makeEnterprise(t, t.adminToken, { region: '140109' });
      pond = await makeSite(t, t.adminToken, e);
      mine = await makeSite(t, t.adminToken, e, { kind: 'underground', damType: null, damHeight: null, totalStorage: null });
    });
    afterAll(async () => t?.cleanup());

    it("serves the starter checklist until the region stores its own, versioned, officers only", async () => {
      const starter = await t.req('GET', '/api/v1/enforcement/checklists?kind=underground', { token: inspector });
      expect(starter.status).toBe(200);
      expect(starter.body).toMatchObject({ source: 'starter', region: null, version: 0 });
      expect(starter.body.items.length).toBeGreaterThanOrEqual(10);
      const items = [
        { code: 'UG01', text: '安全出口不少于2个', basis: '《金属非金属矿山重大事故隐患判定标准》（矿安〔2022〕88号）', major: true },
        { code: 'LOCAL1', text: '冬季井口防冻措施', basis: '《金属非金属矿山安全规程》GB 16423-2020' },
      ];
      expect((await t.req('PUT', '/api/v1/enforcement/checklists/underground', { token: inspector, body: { region: '140109', version: 0, items } })).status).toBe(403);
      const put = await t.req('PUT', '/api/v1/enforcement/checklists/underground', { token: officer, body: { region: '140109', version: 0, items } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ source: 'region', region: '140109', version: 1 });
      expect((await t.req('PUT', '/api/v1/enforcement/checklists/underground', { token: officer, body: { region: '140109', version: 0, items } })).status).toBe(409);
      const again = await t.req('PUT', '/api/v1/enforcement/checklists/underground', { token: officer, body: { region: '140109', version: 1, items: [...items, { code: 'LOCAL2', text: '井下照明', basis: '《金属非金属矿山安全规程》GB 16423-2020' }] } });
      expect(again.body.version).toBe(2);
      const got = await t.req('GET', '/api/v1/enforcement/checklists?kind=underground', { token: inspector });
      expect(got.body).toMatchObject({ source: 'region', region: '140109', version: 2 });
      expect(got.body.items.map((i: { code: string }) => i.code)).toEqual(['UG01', 'LOCAL1', 'LOCAL2']);
      // The other kinds keep the starter.
      expect((await t.req('GET', '/api/v1/enforcement/checklists?kind=tailings_pond', { token: inspector })).body.source).toBe('starter');
      const i = await t.req('POST', '/api/v1/inspections', { token: inspector, body: { site: mine.id, kind: 'planned' } });
      expect(i.body.checklist.items.map((x: { code: string }) => x.code)).toEqual(['UG01', 'LOCAL1', 'LOCAL2']);
    });

    it('carries the checklist of the site kind, records results and turns a not_ok item into a finding with its basis', async () => {
      const i = await t.req('POST', '/api/v1/inspections', { token: inspector, body: { site: pond.id, kind: 'planned' } });
      expect(i.status).toBe(201);
      expect(i.body.checklist.kind).toBe('tailings_pond');
      expect(i.body.checklist.items.every((x: { result: string }) => x.result === 'pending')).toBe(true);
      expect(i.body.checklist.pending).toBe(i.body.checklist.items.length);
      const rec = await t.req('POST', `/api/v1/inspections/${i.body.id}/checklist`, {
        token: inspector,
        body: { results: [{ code: 'TP01', result: 'ok' }, { code: 'TP03', result: 'not_ok', note: '排洪井被杂物堵塞' }, { code: 'TP11', result: 'n_a' }] },
      });
      expect(rec.status).toBe(200);
      expect(rec.body.pending).toBe(i.body.checklist.items.length - 3);
      expect(rec.body.items.find((x: { code: string }) => x.code === 'TP03')).toMatchObject({ result: 'not_ok', note: '排洪井被杂物堵塞' });
      expect((await t.req('POST', `/api/v1/inspections/${i.body.id}/checklist`, { token: inspector, body: { results: [{ code: 'NOPE', result: 'ok' }] } })).status).toBe(422);
      const f = await t.req('POST', `/api/v1/inspections/${i.body.id}/findings`, { token: inspector, body: { checklistItem: 'TP03' } });
      expect(f.status).toBe(201);
      expect(f.body.grade).toBe('major');
      expect(f.body.basis).toContain('矿安〔2022〕88号');
      expect(f.body.description).toContain('排洪井被杂物堵塞');
      const okItem = await t.req('POST', `/api/v1/inspections/${i.body.id}/findings`, { token: inspector, body: { checklistItem: 'TP01' } });
      expect(okItem.status).toBe(409);
      expect((await t.req('POST', `/api/v1/inspections/${i.body.id}/findings`, { token: inspector, body: { grade: 'general' } })).status).toBe(422);
      const g = await t.req('GET', `/api/v1/inspections/${i.body.id}`, { token: inspector });
      expect(g.body.checklist.items.find((x: { code: string }) => x.code === 'TP01').result).toBe('ok');
      expect(g.body.findings).toHaveLength(1);
    });
  });
}
