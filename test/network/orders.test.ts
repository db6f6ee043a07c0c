import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnOrigin } from '../../src/store/repos/network/apply.ts';
import { makeEnterprise } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

/** Orders find their way down: to the child that owns the record, or that serves the place; else applied here. */
for (const kind of STORE_KINDS) describe(`order routing at a city node (${kind})`, () => {
  let city: TestNode;
  let county: { id: string };
  let entNode: { id: string };
  let ent: { id: string };
  let otherEnt: { id: string };
  const applied: string[] = [];

  beforeAll(async () => {
    city = await makeTestNode(kind, { level: 'city', region: '140100' });
    const reg = (body: object) => city.req('POST', '/api/v1/network/nodes', { token: city.adminToken, body });
    county = (await reg({ level: 'county', region: '140105' })).body;
    ent = await makeEnterprise(city, city.adminToken, { region: '140106' });
    otherEnt = await makeEnterprise(city, city.adminToken, { region: '140107' });
    entNode = (await reg({ level: 'enterprise', enterprise: ent.id })).body;
    city.node.services.network.orders.register({ kind: 'test.note', apply: async (_tx, o) => void applied.push(o.orderId) });
  });
  afterAll(() => city?.cleanup());

  const route = (target: object) => city.node.store.db.transaction().execute((tx) => city.node.services.network.orders.route(tx, target));

  it('sends an order for a place to the child serving it, and applies one for a place no child serves', async () => {
    expect(await route({ region: '140105' })).toEqual({ apply: false, child: county.id });
    expect(await route({ enterprise: ent.id })).toEqual({ apply: false, child: entNode.id });
    expect(await route({ enterprise: otherEnt.id, region: '140107' })).toEqual({ apply: true });
    expect(await route({ region: '140100' })).toEqual({ apply: true });
  });

  it("sends an order for a record to the child its owner's records come through", async () => {
    await city.node.store.db.transaction().execute((tx) => learnOrigin(tx, 'node-below-county', county.id, 1));
    expect(await route({ origin: 'node-below-county' })).toEqual({ apply: false, child: county.id });
    expect(await route({ origin: city.node.deps.nodeId })).toEqual({ apply: true });
    await city.node.store.db.transaction().execute((tx) => learnOrigin(tx, 'province-node', 'upstream', 1));
    expect(await route({ origin: 'province-node' })).toEqual({ apply: true });
  });

  it('queues a passed-on order as a directive for the child, and applies one that lands here once', async () => {
    const orders = city.node.services.network.orders;
    const by = { actorId: 'u1', actorName: '李处长', role: 'city_officer' };
    const passed = await city.node.store.db.transaction().execute((tx) => orders.issue(tx, { kind: 'test.note', target: { region: '140105' }, body: { text: '请核查' }, issuedBy: by }));
    expect(passed).toEqual({ appliedHere: false, child: county.id });
    const d = await city.node.store.db.selectFrom('net_directives').selectAll().where('node_id', '=', county.id).where('kind', '=', 'order').executeTakeFirstOrThrow();
    expect(JSON.parse(d.payload)).toMatchObject({ kind: 'test.note', target: { region: '140105' }, body: { text: '请核查' }, issuedBy: { node: city.node.deps.nodeId, actorName: '李处长' } });
    const here = await city.node.store.db.transaction().execute((tx) => orders.issue(tx, { kind: 'test.note', target: { region: '140100' }, body: null, issuedBy: by }));
    expect(here.appliedHere).toBe(true);
    expect(applied).toHaveLength(1);
    await expect(city.node.store.db.transaction().execute((tx) => orders.issue(tx, { kind: 'no.such', target: { region: '140100' }, body: null, issuedBy: by }))).rejects.toThrow(/No handler/);
  });
});
