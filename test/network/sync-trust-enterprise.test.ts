import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

/** An enterprise node may not take another enterprise's site, nor move its own, nor write as its parent. */
for (const kind of STORE_KINDS) describe(`an enterprise node writes only its own records (${kind})`, () => {
  let county: TestNode;
  let token: string;
  let mine: { id: string; region: string };
  let theirs: { id: string; code: string };
  let own: { id: string; code: string };
  const childId = '01900000-0000-7000-8000-0000000000c1';
  let seq = 0;

  const row = async (table: string, id: string) => ({ ...(await county.node.store.db.selectFrom(table as 'sites').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) }) as Record<string, any>;
  const push = async (entity: string, r: Record<string, unknown>) => {
    seq++;
    const res = await county.req('POST', '/api/v1/sync/push', { token, body: { node: childId, stream: 'records', from: seq - 1, to: seq, items: [{ seq, entity, id: r.id, origin: r.origin_node, version: Number(r.version), row: r }] } });
    expect(res.status).toBe(200);
    return res.body as { applied: number; refused: { reason: string }[] };
  };

  beforeAll(async () => {
    county = await makeTestNode(kind, { level: 'county', region: '140105' });
    mine = await makeEnterprise(county, county.adminToken);
    const other = await makeEnterprise(county, county.adminToken);
    theirs = await makeSite(county, county.adminToken, other);
    const reg = await county.req('POST', '/api/v1/network/nodes', { token: county.adminToken, body: { level: 'enterprise', enterprise: mine.id } });
    token = reg.body.token;
    // The enterprise node's own site, as its uplink sends it.
    own = { id: '01900000-0000-7000-8000-0000000000a1', code: 'OWN-1' };
    const created = await push('site', { id: own.id, code: own.code, name: '自建尾矿库', kind: 'tailings_pond', region_code: '140105', enterprise_id: mine.id, created_at: 1, updated_at: 1, version: 1, origin_node: childId });
    expect(created).toMatchObject({ applied: 1, refused: [] });
  });
  afterAll(() => county?.cleanup());

  it("refuses taking another enterprise's site", async () => {
    const r = await row('sites', theirs.id);
    const res = await push('site', { ...r, enterprise_id: mine.id, version: r.version + 1 });
    expect(res.applied).toBe(0);
    expect((await row('sites', theirs.id)).enterprise_id).not.toBe(mine.id);
  });

  it('refuses moving its own site to another enterprise, and takes an honest edit of it', async () => {
    const other = await makeEnterprise(county, county.adminToken);
    const r = await row('sites', own.id);
    expect((await push('site', { ...r, enterprise_id: other.id, version: r.version + 1 })).refused[0]!.reason).toMatch(/never moves|scope/);
    expect(await push('site', { ...r, name: '自建尾矿库（扩建）', version: r.version + 1 })).toMatchObject({ applied: 1 });
    expect((await row('sites', own.id)).name).toBe('自建尾矿库（扩建）');
  });

  it('refuses rewriting its own enterprise record, which its parent owns', async () => {
    const r = await row('enterprises', mine.id);
    expect((await push('enterprise', { ...r, name: '改名', version: r.version + 1 })).refused[0]!.reason).toMatch(/belongs to this node/);
  });
});
