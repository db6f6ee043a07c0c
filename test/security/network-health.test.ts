import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** Network health (dropout, completeness) is supervision data: officers read it for their own region. */
describe.each(['sqlite', 'postgres'] as const)('network health reads (%s)', (kind) => {
  let t: TestNode;
  let ent: { id: string; region: string };
  let nodeA: { id: string; token: string };
  let staff: { token: string };
  let principal: { token: string };
  let yuanqu: { token: string };
  let xiaodian: { token: string };

  beforeAll(async () => {
    t = await makeTestNode(kind);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    nodeA = (await t.req('POST', '/api/v1/network/nodes', { token: t.adminToken, body: { level: 'enterprise', enterprise: ent.id } })).body;
    staff = await makeUser(t, t.adminToken, { username: `hs_${kind}`, role: 'enterprise_staff', enterprise: ent.id });
    principal = await makeUser(t, t.adminToken, { username: `hp_${kind}`, role: 'enterprise_principal', enterprise: ent.id });
    yuanqu = await makeUser(t, t.adminToken, { username: `hy_${kind}`, role: 'county_officer', region: '140827' });
    xiaodian = await makeUser(t, t.adminToken, { username: `hx_${kind}`, role: 'county_officer', region: '140105' });
  });
  afterAll(async () => t?.cleanup());

  const health = (q: string, token: string) => t.req('GET', `/api/v1/network/health${q}`, { token });

  it('is refused to enterprise accounts and to node tokens', async () => {
    for (const token of [staff.token, principal.token, nodeA.token]) {
      expect((await health('?region=140105', token)).status).toBe(403);
      expect((await health(`?node=${nodeA.id}`, token)).status).toBe(403);
    }
  });

  it('answers an officer only for a region or node inside its scope', async () => {
    expect((await health('?region=140105', yuanqu.token)).status).toBe(404);
    expect((await health('?region=140000', yuanqu.token)).status).toBe(404);
    expect((await health(`?node=${nodeA.id}`, yuanqu.token)).status).toBe(404);
    const own = await health('', yuanqu.token);
    expect([own.status, own.body.nodes]).toEqual([200, []]);
    const there = await health('?region=140105', xiaodian.token);
    expect([there.status, there.body.nodes]).toEqual([200, [nodeA.id]]);
    expect((await health(`?node=${nodeA.id}`, xiaodian.token)).status).toBe(200);
    expect((await health('?region=140105', t.adminToken)).status).toBe(200);
  });
});
