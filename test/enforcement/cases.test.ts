import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

for (const kind of STORE_KINDS) {
  describe(`illegal-activity cases (${kind})`, () => {
    let t: TestNode;
    let officer: string;
    beforeAll(async () => {
      t = await makeTestNode(kind);
      officer = (await makeUser(t, t.adminToken, { username: `case-officer-${kind}`, role: 'city_officer', region: '140100' })).token;
    });
    afterAll(async () => t?.cleanup());

    it('opens a case with evidence, investigates, refers, tracks the reply, closes; 409 on what the state does not allow', async () => {
      const e = await makeEnterprise(t, officer);
      const s = await makeSite(t, officer, e, { kind: 'underground', damType: null, damHeight: null, totalStorage: null });
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(`drawing ${kind}`)]);
      const file = await t.req('POST', `/api/v1/files?site=${s.code}&name=drawing.png`, { token: officer, body: png, headers: { 'content-type': 'image/png' } });
      expect(file.status).toBe(201);
      const bad = await t.req('POST', '/api/v1/cases', { token: officer, body: { kind: 'beyond_boundary', title: '越界开采', site: s.id, evidence: ['nope'] } });
      expect(bad.status).toBe(422);
      const c = await t.req('POST', '/api/v1/cases', { token: officer, body: { kind: 'beyond_boundary', title: '超层越界开采', site: s.code, evidence: [file.body.id], suspect: '某采矿队' } });
      expect(c.status).toBe(201);
      expect(c.body).toMatchObject({ state: 'opened', enterprise: e.id, site: s.id, region: s.region, evidence: [file.body.id] });
      const id = c.body.id as string;
      const early = await t.req('POST', `/api/v1/cases/${id}/refer`, { token: officer, body: { to: 'public_security', reason: '涉嫌非法采矿罪' } });
      expect(early.status).toBe(409);
      expect(early.body.error.details).toMatchObject({ state: 'opened', action: 'refer' });
      expect((await t.req('POST', `/api/v1/cases/${id}/investigate`, { token: officer, body: {} })).body.state).toBe('investigating');
      const ref = await t.req('POST', `/api/v1/cases/${id}/refer`, { token: officer, body: { to: 'public_security', reason: '涉嫌非法采矿罪', reference: '移送函〔2025〕1号' } });
      expect(ref.body.state).toBe('referred');
      expect(ref.body.pendingReferrals).toHaveLength(1);
      const ref2 = await t.req('POST', `/api/v1/cases/${id}/refer`, { token: officer, body: { to: 'natural_resources', reason: '越界开采矿产资源' } });
      expect(ref2.body.referrals).toHaveLength(2);
      const ambiguous = await t.req('POST', `/api/v1/cases/${id}/reply`, { token: officer, body: { reply: '已立案' } });
      expect(ambiguous.status).toBe(422);
      const rep = await t.req('POST', `/api/v1/cases/${id}/reply`, { token: officer, body: { referral: ref.body.referrals[0].id, reply: '已立案侦查' } });
      expect(rep.body.pendingReferrals.map((r: { to: string }) => r.to)).toEqual(['natural_resources']);
      const closed = await t.req('POST', `/api/v1/cases/${id}/close`, { token: officer, body: { reason: '处理完毕', outcome: '责令停产并罚款' } });
      expect(closed.body).toMatchObject({ state: 'closed', outcome: '责令停产并罚款' });
      expect((await t.req('POST', `/api/v1/cases/${id}/evidence`, { token: officer, body: { files: [file.body.id] } })).status).toBe(409);
      const got = await t.req('GET', `/api/v1/cases/${id}`, { token: officer });
      expect(got.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'investigate', 'refer', 'refer', 'reply', 'close']);
      const list = await t.req('GET', `/api/v1/cases?kind=beyond_boundary&state=closed&enterprise=${e.id}`, { token: officer });
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    });

    it('opens a case where no enterprise is registered, and keeps cases from enterprise accounts and other regions', async () => {
      const c = await t.req('POST', '/api/v1/cases', { token: officer, body: { kind: 'resource_theft', title: '夜间盗采铁矿石', region: '140106' } });
      expect(c.status).toBe(201);
      expect(c.body.enterprise).toBe(null);
      const outside = await t.req('POST', '/api/v1/cases', { token: officer, body: { kind: 'other', title: 'x', region: '140212' } });
      expect(outside.status).toBe(403);
      const datong = await makeUser(t, t.adminToken, { username: `case-dt-${kind}`, role: 'city_officer', region: '140200' });
      expect((await t.req('GET', `/api/v1/cases/${c.body.id}`, { token: datong.token })).status).toBe(404);
      const e = await makeEnterprise(t, officer);
      const staff = await makeUser(t, t.adminToken, { username: `case-staff-${kind}`, role: 'enterprise_principal', enterprise: e.id });
      expect((await t.req('GET', '/api/v1/cases', { token: staff.token })).status).toBe(403);
      const inspector = await makeUser(t, t.adminToken, { username: `case-insp-${kind}`, role: 'inspector', region: '140100' });
      expect((await t.req('GET', '/api/v1/cases', { token: inspector.token })).status).toBe(200);
      expect((await t.req('POST', `/api/v1/cases/${c.body.id}/investigate`, { token: inspector.token, body: {} })).status).toBe(403);
    });
  });
}
