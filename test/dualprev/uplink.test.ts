import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../src/store/repos/network/outbox.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

type Row = Record<string, unknown>;

/**
 * A major hazard registered at an enterprise node travels up through the outbox: the enterprise's
 * outbox carries it to the county, whose outbox (filled by the same trigger when the copy is applied)
 * carries it on to the province, where the provincial officer sees it in the ledger.
 */
for (const kind of STORE_KINDS) describe(`hazards travel upward (${kind})`, () => {
  let province: TestNode;
  let county: TestNode;
  let ent: TestNode;
  let countyToken: string;
  let entToken: string;
  const seqs = new Map<TestNode, number>();

  /** Sends the records of `from`'s outbox of these entities to `to`, as its uplink does. */
  async function forward(from: TestNode, to: TestNode, token: string, entities: string[]) {
    const rows = (await readOutbox(from.node.store.db, 'records', 0, 10_000)).filter((r) => entities.includes(r.entity));
    let seq = seqs.get(from) ?? 0;
    const items = [];
    for (const o of rows) {
      const table = o.entity === 'hazard' ? 'hazards' : 'risks';
      const row = (await from.node.store.db.selectFrom(table).selectAll().where('id', '=', o.entity_id).executeTakeFirstOrThrow()) as unknown as Row;
      items.push({ seq: ++seq, entity: o.entity, id: o.entity_id, origin: row.origin_node, version: Number(row.version), row });
    }
    const r = await to.req('POST', '/api/v1/sync/push', { token, body: { node: from.node.deps.nodeId, stream: 'records', from: seqs.get(from) ?? 0, to: seq, items } });
    seqs.set(from, seq);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { applied: number; refused: unknown[] };
  }

  beforeAll(async () => {
    province = await makeTestNode(kind, { level: 'province', region: '140000' });
    county = await makeTestNode(kind, { level: 'county', region: '140105' });
    ent = await makeTestNode('sqlite', { level: 'enterprise', region: '140105' });
    countyToken = (await province.req('POST', '/api/v1/network/nodes', { token: province.adminToken, body: { level: 'county', region: '140105' } })).body.token;
    const e = await makeEnterprise(county, county.adminToken);
    const s = await makeSite(county, county.adminToken, e);
    entToken = (await county.req('POST', '/api/v1/network/nodes', { token: county.adminToken, body: { level: 'enterprise', enterprise: e.id } })).body.token;
    // The enterprise node holds its enterprise and site as its parent's bootstrap brings them.
    for (const [table, id] of [['enterprises', e.id], ['sites', s.id]] as const) {
      const row = await county.node.store.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await ent.node.store.db.insertInto(table).values(row as never).execute();
    }
    const h = await ent.req('POST', '/api/v1/hazards', { token: ent.adminToken, body: { site: s.id, description: '坝体高度超过设计总坝高', grade: 'major', deadline: '2030-01-31', criterion: '88-TP-C' } });
    expect(h.status).toBe(201);
    await ent.req('POST', `/api/v1/hazards/${h.body.id}/plan`, { token: ent.adminToken, body: { plan: { measures: '停止排尾，委托设计加高', funds: 800000, people: '总经理', deadline: '2030-01-31', interimMeasures: '降低库水位，24小时巡坝' } } });
    await ent.req('POST', '/api/v1/risks', { token: ent.adminToken, body: { site: s.id, name: '尾矿坝整体稳定', method: 'LS', L: 4, S: 5 } });
  });
  afterAll(async () => {
    await ent?.cleanup();
    await county?.cleanup();
    await province?.cleanup();
  });

  it('reaches the province through the county, and stays the registering node\'s to change', async () => {
    const up1 = await forward(ent, county, entToken, ['hazard', 'risk']);
    expect(up1.refused).toEqual([]);
    expect(up1.applied).toBeGreaterThanOrEqual(2);
    const atCounty = await county.req('GET', '/api/v1/hazards?grade=major', { token: county.adminToken });
    expect(atCounty.body.items).toHaveLength(1);
    expect(atCounty.body.items[0]).toMatchObject({ state: 'planned', version: 2, criterion: '88-TP-C', originNode: ent.node.deps.nodeId });

    const up2 = await forward(county, province, countyToken, ['hazard', 'risk']);
    expect(up2.refused).toEqual([]);
    const atProvince = await province.req('GET', '/api/v1/hazards?grade=major&region=140100', { token: province.adminToken });
    expect(atProvince.body.items).toHaveLength(1);
    expect(atProvince.body.items[0]).toMatchObject({ state: 'planned', description: '坝体高度超过设计总坝高' });
    const risks = await province.req('GET', '/api/v1/risks?level=major', { token: province.adminToken });
    expect(risks.body.total).toBe(1);

    // A forwarded hazard is the registering node's to change.
    const act = await county.req('POST', `/api/v1/hazards/${atCounty.body.items[0].id}/rectify`, { token: county.adminToken, body: { note: 'x' } });
    expect(act.status).toBe(409);
    expect(act.body.error.code).toBe('owned_elsewhere');
  });
});
