import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarantine } from '../../src/store/repos/network/cursors.ts';
import { makeEnterprise, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** An administrator bound to a region grants, manages and reads only inside it. */
describe.each(['sqlite', 'postgres'] as const)('a regional administrator stays in its region (%s)', (kind) => {
  let t: TestNode;
  let radm: { id: string; token: string };
  let mine: { id: string; region: string };
  let theirs: { id: string; region: string };
  let myNode: { id: string };
  let theirNode: { id: string };

  beforeAll(async () => {
    t = await makeTestNode(kind);
    mine = await makeEnterprise(t, t.adminToken, { region: '140827', principal: { name: '李四', phone: '13911112222' } });
    theirs = await makeEnterprise(t, t.adminToken, { region: '140105', name: '外县矿业有限公司', principal: { name: '王五', phone: '13733334444' } });
    radm = await makeUser(t, t.adminToken, { username: `radm_${kind}`, role: 'admin', region: '140827' });
    const reg = await t.req('POST', '/api/v1/network/nodes', { token: t.adminToken, body: { level: 'enterprise', enterprise: theirs.id } });
    expect(reg.status).toBe(201);
    theirNode = reg.body;
  });
  afterAll(async () => t?.cleanup());

  it('creates no account wider than itself', async () => {
    const body = (over: Record<string, unknown>) => ({ username: `x${Math.random().toString(36).slice(2, 10)}`, password: 'Passw0rd1', ...over });
    for (const over of [{ role: 'admin' }, { role: 'admin', region: '140000' }, { role: 'admin', region: '140105' }, { role: 'county_officer', region: '140105' }, { role: 'enterprise_principal', enterprise: theirs.id }]) {
      const r = await t.req('POST', '/api/v1/users', { token: radm.token, body: body(over) });
      expect([r.status, over]).toEqual([over.role === 'enterprise_principal' ? 422 : 403, over]);
    }
    expect((await t.req('POST', '/api/v1/users', { token: radm.token, body: body({ role: 'admin', region: '140827' }) })).status).toBe(201);
    expect((await t.req('POST', '/api/v1/users', { token: radm.token, body: body({ role: 'enterprise_staff', enterprise: mine.id }) })).status).toBe(201);
    // The administrator of everything still creates one like itself.
    expect((await t.req('POST', '/api/v1/users', { token: t.adminToken, body: body({ role: 'admin' }) })).status).toBe(201);
  });

  it('registers and revokes nodes only in its region', async () => {
    expect((await t.req('POST', '/api/v1/network/nodes', { token: radm.token, body: { level: 'county', region: '140105' } })).status).toBe(403);
    // Another region's enterprise answers as one that does not exist: the refusal does not tell it exists.
    const theirsRefused = await t.req('POST', '/api/v1/network/nodes', { token: radm.token, body: { level: 'enterprise', enterprise: theirs.id } });
    const unknown = await t.req('POST', '/api/v1/network/nodes', { token: radm.token, body: { level: 'enterprise', enterprise: 'no-such-enterprise' } });
    expect(theirsRefused.status).toBe(422);
    expect([unknown.status, unknown.body.message]).toEqual([422, theirsRefused.body.message]);
    const ok = await t.req('POST', '/api/v1/network/nodes', { token: radm.token, body: { level: 'enterprise', enterprise: mine.id } });
    expect(ok.status).toBe(201);
    myNode = ok.body;
    expect((await t.req('POST', `/api/v1/network/nodes/${theirNode.id}/revoke`, { token: radm.token })).status).toBe(404);
    const listed = await t.req('GET', '/api/v1/network/nodes', { token: radm.token });
    expect(listed.body.items.map((n: { id: string }) => n.id)).toEqual([myNode.id]);
  });

  it("reads and sends directives only for its own nodes, never another county's bootstrap", async () => {
    const all = await t.req('GET', '/api/v1/network/directives', { token: radm.token });
    expect(all.status).toBe(200);
    expect(all.body.items.map((d: { node: string }) => d.node)).toEqual([myNode.id]);
    const text = JSON.stringify(all.body);
    expect(text).not.toContain('13733334444');
    expect(text).not.toContain(theirs.id);
    const named = await t.req('GET', `/api/v1/network/directives?node=${theirNode.id}`, { token: radm.token });
    expect(named.body.items).toEqual([]);
    const notice = { kind: 'notice', payload: { title: '通知', body: '防汛检查' } };
    expect((await t.req('POST', '/api/v1/network/directives', { token: radm.token, body: { node: theirNode.id, ...notice } })).status).toBe(404);
    const sent = await t.req('POST', '/api/v1/network/directives', { token: radm.token, body: { node: myNode.id, ...notice } });
    expect([sent.status, sent.body]).toMatchObject([201, { node: myNode.id }]);
    // The administrator of everything sees both.
    const every = await t.req('GET', '/api/v1/network/directives', { token: t.adminToken });
    expect(new Set(every.body.items.map((d: { node: string }) => d.node))).toEqual(new Set([myNode.id, theirNode.id]));
  });

  it('lists quarantined items only of its own nodes', async () => {
    for (const n of [myNode, theirNode]) {
      await quarantine(t.node.store.db, { id: uuidv7(), nodeId: n.id, stream: 'records', seq: 1, entity: 'site', entityId: null, reason: `refused from ${n.id}`, item: null, at: Date.now() });
    }
    const q = await t.req('GET', '/api/v1/network/quarantine', { token: radm.token });
    expect(q.body.items.map((i: { node: string }) => i.node)).toEqual([myNode.id]);
    expect((await t.req('GET', `/api/v1/network/quarantine?node=${theirNode.id}`, { token: radm.token })).body.items).toEqual([]);
    expect((await t.req('GET', '/api/v1/network/quarantine', { token: t.adminToken })).body.items).toHaveLength(2);
  });

  it('changes no platform-wide setting', async () => {
    const template = { grade: 3, damType: 'upstream', kind: 'water_level', direction: 'above', red: 100, source: '晋应急〔2026〕1号' };
    const calls: [string, string, unknown][] = [
      ['PATCH', '/api/v1/monitoring/settings', { futureToleranceSec: 600 }],
      ['PUT', '/api/v1/network/settings', { heartbeatSec: 20, missedBeats: 3 }],
      ['PUT', '/api/v1/monitoring/threshold-templates', template],
      ['PUT', '/api/v1/dualprev/criteria/88-MX-1', { section: 'underground', text: '矩阵测试条目', source: '矿安〔2022〕88号' }],
      ['PUT', '/api/v1/dualprev/settings', { overduePolicy: { days: { general: { county: 1, city: 2, province: 3 }, major: { county: 0, city: 1, province: 2 } }, source: '晋应急〔2026〕2号', confirmed: true } }],
    ];
    for (const [method, url, body] of calls) {
      const r = await t.req(method, url, { token: radm.token, body });
      expect([url, r.status]).toEqual([url, 403]);
    }
    expect((await t.req('GET', '/api/v1/monitoring/settings', { token: t.adminToken })).body.values.futureToleranceSec).toBe(300);
    expect((await t.req('GET', '/api/v1/network/settings', { token: t.adminToken })).body.heartbeatSec).toBe(10);
    expect((await t.req('GET', '/api/v1/monitoring/threshold-templates', { token: t.adminToken })).body.items).toEqual([]);
    expect((await t.req('GET', '/api/v1/dualprev/settings', { token: t.adminToken })).body.overduePolicy.confirmed).toBe(false);
    for (const [method, url, body] of calls) {
      const r = await t.req(method, url, { token: t.adminToken, body });
      expect([url, r.status]).toEqual([url, 200]);
    }
  });
});
