import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';
import { printed, squeeze } from '../documents/pdf.ts';

const LAW = '《中华人民共和国安全生产法》';

for (const kind of STORE_KINDS) {
  describe(`administrative penalties (${kind})`, () => {
    let t: TestNode;
    let officer: string;
    let enterprise: { id: string; region: string };
    let site: { id: string };
    const name = `罚决矿业有限公司${kind}`;

    beforeAll(async () => {
      t = await makeTestNode(kind);
      officer = (await makeUser(t, t.adminToken, { username: `pen-officer-${kind}`, role: 'county_officer', region: '140105' })).token;
      enterprise = await makeEnterprise(t, t.adminToken, { name, region: '140105', address: '太原市小店区龙城大街9号' });
      site = await makeSite(t, t.adminToken, enterprise, { name: '东沟尾矿库' });
    });
    afterAll(async () => t?.cleanup());

    const post = (url: string, body: unknown = {}, token = officer) => t.req('POST', url, { token, body });

    it('decides a fine linked to a finding and the principal person, numbers it, and takes it to closing with its history', async () => {
      const insp = await post('/api/v1/inspections', { site: site.id, kind: 'planned' });
      const f = await post(`/api/v1/inspections/${insp.body.id}/findings`, { description: '未按规定建立隐患排查治理制度', grade: 'general' });
      const score = await post('/api/v1/scores', { enterprise: enterprise.id, person: { name: '王五' }, points: 3, reason: '未落实隐患排查' });
      const missing = await post('/api/v1/penalties', { enterprise: enterprise.id, kind: 'fine', violation: 'x', basis: { law: LAW, article: '第一百零二条' } });
      expect(missing.status).toBe(422);
      const other = await makeEnterprise(t, t.adminToken, { region: '140105' });
      const wrong = await post('/api/v1/penalties', { enterprise: other.id, finding: f.body.id, kind: 'warning', violation: 'x', basis: { law: LAW, article: '第一百零二条' } });
      expect(wrong.status).toBe(422);
      const p = await post('/api/v1/penalties', {
        enterprise: enterprise.id,
        person: score.body.person,
        finding: f.body.id,
        kind: 'fine',
        violation: '未按规定建立隐患排查治理制度',
        basis: { law: LAW, article: '第一百零二条' },
        amount: 50000,
        reason: '经集体讨论决定',
      });
      expect(p.status).toBe(201);
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
      expect(p.body).toMatchObject({ state: 'decided', inspection: insp.body.id, finding: f.body.id, site: site.id, person: score.body.person, amount: 50000, issuerRegion: '140105', actions: ['notify', 'correct'] });
      expect(p.body.number).toMatch(new RegExp(`^140105〔${year}〕罚决\\d{4}号$`));
      const id = p.body.id as string;

      const early = await post(`/api/v1/penalties/${id}/pay`, {});
      expect(early.status).toBe(409);
      expect(early.body.error.details).toMatchObject({ state: 'decided', action: 'pay' });
      const corrected = await post(`/api/v1/penalties/${id}/correct`, { reason: '金额计算有误', amount: 30000 });
      expect(corrected.body).toMatchObject({ state: 'decided', amount: 30000, number: p.body.number });
      expect((await post(`/api/v1/penalties/${id}/notify`, { document: '送达回证' })).body.state).toBe('notified');
      expect((await post(`/api/v1/penalties/${id}/close`, {})).status).toBe(409);
      const appealed = await post(`/api/v1/penalties/${id}/appeal`, { reason: '申请行政复议' });
      expect(appealed.body.state).toBe('appealed');
      expect((await post(`/api/v1/penalties/${id}/uphold`, { reason: '复议维持', document: '复议决定书' })).body.state).toBe('upheld');
      const paid = await post(`/api/v1/penalties/${id}/pay`, { document: '缴款书' });
      expect(paid.body).toMatchObject({ state: 'paid', paidAmount: 30000 });
      expect((await post(`/api/v1/penalties/${id}/close`, { reason: '执行完毕' })).body.state).toBe('closed');
      expect((await post(`/api/v1/penalties/${id}/correct`, { reason: 'too late' })).status).toBe(409);
      expect((await t.req('DELETE', `/api/v1/penalties/${id}`, { token: officer })).status).toBe(404);

      const got = await t.req('GET', `/api/v1/penalties/${id}`, { token: officer });
      expect(got.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'correct', 'notify', 'appeal', 'uphold', 'pay', 'close']);
      expect(got.body.history[1]).toMatchObject({ reason: '金额计算有误' });
      expect(got.body.history[4]).toMatchObject({ from: 'appealed', to: 'upheld', document: '复议决定书' });
      const list = await t.req('GET', `/api/v1/penalties?enterprise=${enterprise.id}&state=closed`, { token: officer });
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([id]);

      // The party reads its own penalty and its decision; another county does not see it.
      const principal = await makeUser(t, t.adminToken, { username: `pen-principal-${kind}`, role: 'enterprise_principal', enterprise: enterprise.id });
      expect((await t.req('GET', `/api/v1/penalties/${id}`, { token: principal.token })).status).toBe(200);
      expect((await post(`/api/v1/penalties/${id}/notify`, {}, principal.token)).status).toBe(403);
      const outsider = await makeUser(t, t.adminToken, { username: `pen-out-${kind}`, role: 'county_officer', region: '140106' });
      expect((await t.req('GET', `/api/v1/penalties/${id}`, { token: outsider.token })).status).toBe(404);

      const d = await printed(t, `/api/v1/penalties/${id}/documents/decision`, principal.token);
      expect(d.status).toBe(200);
      const text = squeeze(d.text);
      for (const s of ['行政处罚决定书', p.body.number, name, LAW, '第一百零二条', '30,000', '未按规定建立隐患排查治理制度']) expect(text).toContain(squeeze(s));
    });

    it('numbers two decisions taken at once consecutively, without gap or repeat', async () => {
      const body = { enterprise: enterprise.id, kind: 'warning', violation: '未如实记录安全生产教育培训情况', basis: { law: LAW, article: '第九十七条' } };
      const [a, b] = await Promise.all([post('/api/v1/penalties', body), post('/api/v1/penalties', body)]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const seq = (n: string) => Number(/(\d{4})号$/.exec(n)![1]);
      expect(Math.abs(seq(a.body.number) - seq(b.body.number))).toBe(1);
      const all = await t.req('GET', `/api/v1/penalties?enterprise=${enterprise.id}&limit=100`, { token: officer });
      const numbers = all.body.items.map((x: { number: string }) => seq(x.number)).sort((x: number, y: number) => x - y);
      expect(numbers).toEqual(numbers.map((_: number, i: number) => i + 1));
      // A warning is closed once notified; it has nothing to pay.
      expect((await post(`/api/v1/penalties/${a.body.id}/notify`, {})).body.state).toBe('notified');
      expect((await post(`/api/v1/penalties/${a.body.id}/pay`, {})).status).toBe(409);
      expect((await post(`/api/v1/penalties/${a.body.id}/close`, {})).body.state).toBe('closed');
    });

    it("prints a closed case's decision from its penalty, with blanks where none was decided", async () => {
      const c = await post('/api/v1/cases', { kind: 'beyond_boundary', title: '越界开采', enterprise: enterprise.id, site: site.id, description: '超出采矿许可范围开采' });
      await post(`/api/v1/cases/${c.body.id}/close`, { reason: '调查终结', outcome: '罚款并责令停止违法行为' });
      const blank = squeeze((await printed(t, `/api/v1/cases/${c.body.id}/documents/decision`, officer)).text);
      expect(blank).toContain(squeeze('＿＿＿＿'));
      const p = await post('/api/v1/penalties', { enterprise: enterprise.id, case: c.body.id, kind: 'fine', violation: '超层越界开采', basis: { law: '《矿产资源法》', article: '第四十条' }, amount: 120000 });
      expect(p.status).toBe(201);
      expect(p.body.site).toBe(site.id);
      const d = await printed(t, `/api/v1/cases/${c.body.id}/documents/decision`, officer);
      expect(d.status).toBe(200);
      for (const s of [p.body.number, '《矿产资源法》', '第四十条', '120,000']) expect(squeeze(d.text)).toContain(squeeze(s));
    });
  });
}
