import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

for (const kind of STORE_KINDS) {
  describe(`licences (${kind})`, () => {
    let t: TestNode;
    let clock = Date.parse('2025-06-01T10:00:00+08:00');
    let officer: string;
    // Sessions expire by the same clock: moving it logs in again.
    const travel = async (iso: string) => {
      clock = Date.parse(iso);
      officer = await t.login(`lic-officer-${kind}`, 'Passw0rd1');
    };
    beforeAll(async () => {
      t = await makeTestNode(kind, {}, () => clock);
      officer = (await makeUser(t, t.adminToken, { username: `lic-officer-${kind}`, role: 'city_officer', region: '140100' })).token;
    });
    afterAll(async () => t?.cleanup());

    it('issues a licence valid 3 years by default, and computes expiring and expired from the date', async () => {
      const e = await makeEnterprise(t, officer);
      const r = await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: e.id, number: '(晋)FM安许证字〔2025〕0001', issuedAt: '2025-06-01' } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ state: 'valid', expiresAt: '2028-05-31', enterprise: e.id, region: e.region });
      const id = r.body.id as string;
      await travel('2028-03-15T09:00:00+08:00');
      expect((await t.req('GET', `/api/v1/licences/${id}`, { token: officer })).body.state).toBe('expiring');
      const soon = await t.req('GET', `/api/v1/licences?enterprise=${e.id}&expiringWithinDays=90`, { token: officer });
      expect(soon.body.items.map((l: { id: string }) => l.id)).toEqual([id]);
      expect((await t.req('GET', `/api/v1/licences?enterprise=${e.id}&state=expiring`, { token: officer })).body.total).toBe(1);
      await travel('2028-06-01T00:30:00+08:00');
      expect((await t.req('GET', `/api/v1/licences/${id}`, { token: officer })).body.state).toBe('expired');
      expect((await t.req('GET', `/api/v1/licences?enterprise=${e.id}&state=expired`, { token: officer })).body.total).toBe(1);
      const renew = await t.req('POST', `/api/v1/licences/${id}/renew`, { token: officer, body: { expiresAt: '2031-05-31' } });
      expect(renew.status).toBe(409);
      expect(renew.body.error.message).toMatch(/expired.*renew/);
      expect(renew.body.error.details).toMatchObject({ state: 'expired', action: 'renew' });
      const cancel = await t.req('POST', `/api/v1/licences/${id}/cancel`, { token: officer, body: { reason: '期满未延续', document: 'FILE-1' } });
      expect(cancel.status).toBe(200);
      expect(cancel.body.state).toBe('cancelled');
      await travel('2025-06-01T10:00:00+08:00');
    });

    it('suspends with conditions, refuses what the state does not allow, reinstates, renews, and keeps the history', async () => {
      const e = await makeEnterprise(t, officer);
      const { body: l } = await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: e.id, number: `LIC-${kind}-2`, issuedAt: '2024-01-10', expiresAt: '2027-01-09' } });
      const reinstate = await t.req('POST', `/api/v1/licences/${l.id}/reinstate`, { token: officer, body: { reason: '无' } });
      expect(reinstate.status).toBe(409);
      expect(reinstate.body.error.details).toMatchObject({ state: 'valid', action: 'reinstate' });
      const noConditions = await t.req('POST', `/api/v1/licences/${l.id}/suspend`, { token: officer, body: { reason: '失去安全生产条件' } });
      expect(noConditions.status).toBe(400);
      const s = await t.req('POST', `/api/v1/licences/${l.id}/suspend`, { token: officer, body: { reason: '失去安全生产条件', conditions: '完成通风系统整改并经验收' } });
      expect(s.body).toMatchObject({ state: 'suspended', conditions: '完成通风系统整改并经验收' });
      expect((await t.req('POST', `/api/v1/licences/${l.id}/renew`, { token: officer, body: {} })).status).toBe(409);
      const back = await t.req('POST', `/api/v1/licences/${l.id}/reinstate`, { token: officer, body: { reason: '整改验收合格' } });
      expect(back.body.state).toBe('valid');
      const renewed = await t.req('POST', `/api/v1/licences/${l.id}/renew`, { token: officer, body: {} });
      expect(renewed.body.expiresAt).toBe('2030-01-09');
      const revoked = await t.req('POST', `/api/v1/licences/${l.id}/revoke`, { token: officer, body: { reason: '整改不合格' } });
      expect(revoked.body.state).toBe('revoked');
      expect((await t.req('POST', `/api/v1/licences/${l.id}/cancel`, { token: officer, body: { reason: 'x' } })).status).toBe(409);
      const h = await t.req('GET', `/api/v1/licences/${l.id}/history`, { token: officer });
      expect(h.body.items.map((a: { action: string }) => a.action)).toEqual(['create', 'suspend', 'reinstate', 'renew', 'revoke']);
      expect(h.body.items[1]).toMatchObject({ reason: '失去安全生产条件', from: 'valid', to: 'suspended' });
      expect((await t.req('DELETE', `/api/v1/licences/${l.id}`, { token: officer })).status).toBe(404);
    });

    it('lets enterprise users read only their own licences, and only officers manage them', async () => {
      const mine = await makeEnterprise(t, officer);
      const other = await makeEnterprise(t, officer);
      const a = await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: mine.id, number: `LIC-${kind}-3`, issuedAt: '2025-01-01' } });
      const b = await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: other.id, number: `LIC-${kind}-4`, issuedAt: '2025-01-01' } });
      const staff = await makeUser(t, t.adminToken, { username: `lic-staff-${kind}`, role: 'enterprise_staff', enterprise: mine.id });
      const list = await t.req('GET', '/api/v1/licences', { token: staff.token });
      expect(list.body.items.map((l: { id: string }) => l.id)).toEqual([a.body.id]);
      expect((await t.req('GET', `/api/v1/licences/${b.body.id}`, { token: staff.token })).status).toBe(404);
      expect((await t.req('POST', `/api/v1/licences/${a.body.id}/revoke`, { token: staff.token, body: { reason: 'x' } })).status).toBe(403);
      expect((await t.req('POST', '/api/v1/licences', { token: staff.token, body: { enterprise: mine.id, number: 'X', issuedAt: '2025-01-01' } })).status).toBe(403);
      const dup = await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: mine.id, number: `LIC-${kind}-3`, issuedAt: '2025-01-01' } });
      expect(dup.status).toBe(409);
    });

    it('flags producing sites without a licence in force', async () => {
      const e1 = await makeEnterprise(t, officer, { region: '140106' });
      const e2 = await makeEnterprise(t, officer, { region: '140106' });
      const licensed = await makeSite(t, officer, e1, { status: 'producing' });
      const unlicensed = await makeSite(t, officer, e2, { status: 'producing' });
      const building = await makeSite(t, officer, e2, { status: 'construction' });
      await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: e1.id, number: `LIC-${kind}-5`, issuedAt: '2025-01-01' } });
      const flags = await t.req('GET', '/api/v1/licences/flags?region=140106', { token: t.adminToken });
      expect(flags.status).toBe(200);
      const ids = flags.body.items.map((f: { site: string }) => f.site);
      expect(ids).toContain(unlicensed.id);
      expect(ids).not.toContain(licensed.id);
      expect(ids).not.toContain(building.id);
      expect(flags.body.items.find((f: { site: string }) => f.site === unlicensed.id).problem).toBe('no_licence');
      const { body: l2 } = await t.req('POST', '/api/v1/licences', { token: officer, body: { enterprise: e2.id, site: unlicensed.code, number: `LIC-${kind}-6`, issuedAt: '2025-01-01' } });
      await t.req('POST', `/api/v1/licences/${l2.id}/suspend`, { token: officer, body: { reason: '隐患', conditions: '整改' } });
      const again = await t.req('GET', '/api/v1/licences/flags?region=140106', { token: t.adminToken });
      expect(again.body.items.find((f: { site: string }) => f.site === unlicensed.id).problem).toBe('licence_suspended');
    });
  });
}
