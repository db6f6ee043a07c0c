import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const MINE = { kind: 'underground', damType: null, damHeight: null, totalStorage: null };

for (const kind of STORE_KINDS) {
  describe(`responsibility for mines and ponds (${kind})`, () => {
    let t: TestNode;
    let officer: string;
    beforeAll(async () => {
      t = await makeTestNode(kind);
      officer = (await makeUser(t, t.adminToken, { username: `resp-officer-${kind}`, role: 'city_officer', region: '140100' })).token;
    });
    afterAll(async () => t?.cleanup());

    const post = (url: string, body: unknown) => t.req('POST', url, { token: officer, body });
    const leader = (site: string, over: Record<string, unknown> = {}) => post('/api/v1/enforcement/responsibility', { site, role: 'leader', name: '赵副县长', post: '副县长', level: 'county', phone: '13900000001', startsOn: '2026-01-01', ...over });
    const commissioner = (site: string, over: Record<string, unknown> = {}) => post('/api/v1/enforcement/responsibility', { site, role: 'commissioner', name: '钱专员', post: '县应急管理局', startsOn: '2026-01-01', ...over });

    it('lists the mines and ponds without a current leader and the ponds without a current commissioner, an expired assignment counting as none', async () => {
      const e = await makeEnterprise(t, officer, { region: '140106' });
      const covered = await makeSite(t, officer, e, MINE);
      const lapsed = await makeSite(t, officer, e, MINE);
      const pondNoCommissioner = await makeSite(t, officer, e);
      const pondLapsedCommissioner = await makeSite(t, officer, e);
      const pondNothing = await makeSite(t, officer, e);
      const pondCovered = await makeSite(t, officer, e);
      await makeSite(t, officer, e, { ...MINE, kind: 'open_pit' });
      await makeSite(t, officer, e, { status: 'closed' });

      expect((await leader(covered.id)).status).toBe(201);
      expect((await leader(lapsed.id, { startsOn: '2025-01-01', endsOn: '2025-12-31' })).status).toBe(201);
      await leader(pondNoCommissioner.id, { level: 'township', post: '乡长' });
      await leader(pondLapsedCommissioner.id);
      await commissioner(pondLapsedCommissioner.id, { startsOn: '2025-01-01', endsOn: '2026-02-28' });
      await leader(pondCovered.id, { level: 'city' });
      const c = await commissioner(pondCovered.id);
      expect(c.body).toMatchObject({ role: 'commissioner', current: true, endsOn: null });

      expect((await commissioner(covered.id)).status).toBe(422);
      expect((await leader(covered.id, { level: undefined })).status).toBe(422);
      expect((await leader(covered.id, { startsOn: '2026-05-01', endsOn: '2026-04-01' })).status).toBe(422);

      const gaps = await t.req('GET', '/api/v1/enforcement/responsibility/gaps?region=140106&on=2026-03-15', { token: officer });
      expect(gaps.status).toBe(200);
      const seen = gaps.body.items.map((g: { site: string; missing: string }) => `${g.site}:${g.missing}`).sort();
      expect(seen).toEqual(
        [`${lapsed.id}:leader`, `${pondNoCommissioner.id}:commissioner`, `${pondLapsedCommissioner.id}:commissioner`, `${pondNothing.id}:leader`, `${pondNothing.id}:commissioner`].sort(),
      );
      const lapsedGap = gaps.body.items.find((g: { site: string }) => g.site === lapsed.id);
      expect(lapsedGap.last).toMatchObject({ name: '赵副县长', endsOn: '2025-12-31' });

      // Ending the covered mine's leader (transfer) opens a gap from that day on; the record stays with its reason.
      const current = await t.req('GET', `/api/v1/enforcement/responsibility?site=${covered.id}&current=true`, { token: officer });
      expect(current.body.items).toHaveLength(1);
      const ended = await post(`/api/v1/enforcement/responsibility/${current.body.items[0].id}/end`, { reason: '工作调动', endsOn: '2026-03-31' });
      expect(ended.body).toMatchObject({ endsOn: '2026-03-31', endedReason: '工作调动' });
      expect((await post(`/api/v1/enforcement/responsibility/${current.body.items[0].id}/end`, { reason: 'again', endsOn: '2026-04-30' })).status).toBe(409);
      const april = await t.req('GET', '/api/v1/enforcement/responsibility/gaps?region=140106&on=2026-04-01', { token: officer });
      expect(april.body.items.some((g: { site: string; missing: string }) => g.site === covered.id && g.missing === 'leader')).toBe(true);
      const got = await t.req('GET', `/api/v1/enforcement/responsibility/${current.body.items[0].id}`, { token: officer });
      expect(got.body.history.map((h: { action: string; reason: string | null }) => [h.action, h.reason])).toEqual([['create', null], ['end', '工作调动']]);
    });

    it('keeps gaps to the caller scope and assignments to officers of the place', async () => {
      const e = await makeEnterprise(t, t.adminToken, { region: '140212' });
      const s = await makeSite(t, t.adminToken, e, MINE);
      expect((await leader(s.id)).status).toBe(422);
      const other = await t.req('GET', '/api/v1/enforcement/responsibility/gaps?region=140212', { token: officer });
      expect(other.body.items).toEqual([]);
      const admin = await t.req('GET', '/api/v1/enforcement/responsibility/gaps?region=140212', { token: t.adminToken });
      expect(admin.body.items.map((g: { site: string }) => g.site)).toEqual([s.id]);
    });
  });
}
