import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeUser } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

for (const kind of STORE_KINDS) {
  describe(`scores of principal persons (${kind})`, () => {
    let t: TestNode;
    let clock = Date.parse('2024-01-05T10:00:00+08:00');
    let inspector: string;
    beforeAll(async () => {
      t = await makeTestNode(kind, {}, () => clock);
      inspector = (await makeUser(t, t.adminToken, { username: `score-insp-${kind}`, role: 'inspector', region: '140100' })).token;
    });
    afterAll(async () => t?.cleanup());

    const score = (body: Record<string, unknown>, token = inspector) => t.req('POST', '/api/v1/scores', { token, body });

    it('counts by calendar year in China time across the new year, adds up, and flags re-assessment at 12', async () => {
      const e = await makeEnterprise(t, t.adminToken);
      const a = await score({ enterprise: e.id, person: { name: '王五', idNumber: '140105198001011234' }, points: 6, reason: '未按规定组织隐患排查', at: '2023-12-31T23:30:00+08:00' });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ cycle: 2023, cycleTotal: 6, reassessmentDue: false });
      const person = a.body.person as string;
      const b = await score({ enterprise: e.id, person, points: 6, reason: '重大隐患未整改', at: '2024-01-01T00:10:00+08:00' });
      expect(b.body).toMatchObject({ cycle: 2024, cycleTotal: 6, reassessmentDue: false, person });
      const c = await score({ enterprise: e.id, person: { name: '王五', idNumber: '140105198001011234' }, points: 3, reason: '未落实全员安全生产责任制' });
      expect(c.body.person).toBe(person);
      const d = await score({ enterprise: e.id, person, points: 3, reason: '安全培训不到位' });
      expect(d.body).toMatchObject({ cycle: 2024, cycleTotal: 12, reassessmentDue: true });
      const sum = await t.req('GET', `/api/v1/scores/summary?enterprise=${e.id}`, { token: inspector });
      expect(sum.status).toBe(200);
      expect(sum.body.items).toEqual([expect.objectContaining({ person, cycle: 2024, total: 12, reassessmentDue: true })]);
      const last = await t.req('GET', `/api/v1/scores/summary?enterprise=${e.id}&cycle=2023`, { token: inspector });
      expect(last.body.items[0]).toMatchObject({ cycle: 2023, total: 6, reassessmentDue: false });
      const history = await t.req('GET', `/api/v1/persons/${person}`, { token: inspector });
      expect(history.body.cycles).toEqual([
        { cycle: 2024, total: 12, events: 3, reassessmentDue: true },
        { cycle: 2023, total: 6, events: 1, reassessmentDue: false },
      ]);
      expect(history.body.idNumber).toBe('**************1234');
      // The cycle ends: its points clear.
      clock = Date.parse('2025-01-01T00:05:00+08:00');
      inspector = await t.login(`score-insp-${kind}`, 'Passw0rd1');
      const next = await t.req('GET', `/api/v1/scores/summary?enterprise=${e.id}`, { token: inspector });
      expect(next.body.items[0]).toMatchObject({ cycle: 2025, total: 0, reassessmentDue: false });
      clock = Date.parse('2024-01-05T10:00:00+08:00');
      inspector = await t.login(`score-insp-${kind}`, 'Passw0rd1');
    });

    it('carries the points when the person moves to another enterprise', async () => {
      const from = await makeEnterprise(t, t.adminToken);
      const to = await makeEnterprise(t, t.adminToken);
      const a = await score({ enterprise: from.id, person: { name: '赵六', idNumber: '14010519700202567X' }, points: 6, reason: '未组织应急演练' });
      const person = a.body.person as string;
      // Scored again at the new enterprise, identified by the identity number: moved, points kept.
      const b = await score({ enterprise: to.id, person: { name: '赵六', idNumber: '14010519700202567x' }, points: 6, reason: '违章指挥' });
      expect(b.body).toMatchObject({ person, cycleTotal: 12, reassessmentDue: true, enterprise: to.id });
      expect((await t.req('GET', `/api/v1/scores/summary?enterprise=${to.id}`, { token: inspector })).body.items[0]).toMatchObject({ person, total: 12 });
      expect((await t.req('GET', `/api/v1/scores/summary?enterprise=${from.id}`, { token: inspector })).body.items).toEqual([]);
      // An explicit transfer back keeps them too.
      const back = await t.req('POST', `/api/v1/persons/${person}/transfer`, { token: inspector, body: { enterprise: from.id, reason: '调回原单位' } });
      expect(back.status).toBe(200);
      expect((await t.req('GET', `/api/v1/scores/summary?enterprise=${from.id}`, { token: inspector })).body.items[0]).toMatchObject({ person, total: 12 });
    });

    it('voids a mistaken score once, with a reason, and refuses wrong points and non-enforcers', async () => {
      const e = await makeEnterprise(t, t.adminToken);
      const a = await score({ enterprise: e.id, person: { name: '钱七' }, points: 12, reason: '发生生产安全事故' });
      const v = await t.req('POST', `/api/v1/scores/${a.body.id}/void`, { token: inspector, body: { reason: '记分对象有误' } });
      expect(v.status).toBe(200);
      expect(v.body.state).toBe('voided');
      const again = await t.req('POST', `/api/v1/scores/${a.body.id}/void`, { token: inspector, body: { reason: 'x' } });
      expect(again.status).toBe(409);
      expect(again.body.error.details).toMatchObject({ state: 'voided', action: 'void' });
      expect((await t.req('GET', `/api/v1/scores/summary?enterprise=${e.id}`, { token: inspector })).body.items[0].total).toBe(0);
      expect((await score({ enterprise: e.id, person: { name: '钱七' }, points: 5, reason: 'x' })).status).toBe(400);
      const principal = await makeUser(t, t.adminToken, { username: `score-principal-${kind}`, role: 'enterprise_principal', enterprise: e.id });
      expect((await score({ enterprise: e.id, person: { name: '钱七' }, points: 2, reason: 'x' }, principal.token)).status).toBe(403);
      const own = await t.req('GET', '/api/v1/scores', { token: principal.token });
      expect(own.body.items.map((s: { id: string }) => s.id)).toEqual([a.body.id]);
      const g = await t.req('GET', `/api/v1/scores/${a.body.id}`, { token: principal.token });
      expect(g.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'void']);
    });
  });
}
