import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learnOrigin } from '../../src/store/repos/network/apply.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

/** A finding about a site kept by an enterprise's own node travels down as a hazard.open order, applied once where it lands. */
for (const kind of STORE_KINDS) {
  describe(`hazard.open orders at a county node (${kind})`, () => {
    let county: TestNode;
    let inspector: string;
    let site: { id: string };
    let entNode: { id: string };

    beforeAll(async () => {
      county = await makeTestNode(kind, { level: 'county', region: '140105' });
      const ent = await makeEnterprise(county, county.adminToken, { region: '140105' });
      entNode = (await county.req('POST', '/api/v1/network/nodes', { token: county.adminToken, body: { level: 'enterprise', enterprise: ent.id } })).body;
      site = await makeSite(county, county.adminToken, ent);
      // The site as if it had come up from the enterprise's node.
      await county.node.store.db.transaction().execute(async (tx) => {
        await tx.updateTable('sites').set({ origin_node: 'ent-node' }).where('id', '=', site.id).execute();
        await learnOrigin(tx, 'ent-node', entNode.id, 1);
      });
      inspector = (await makeUser(county, county.adminToken, { username: `ho-insp-${kind}`, role: 'inspector', region: '140105' })).token;
    });
    afterAll(async () => county?.cleanup());

    it("queues the hazard for the enterprise's node instead of opening it here, and applies a landed order once", async () => {
      const i = await county.req('POST', '/api/v1/inspections', { token: inspector, body: { site: site.id, kind: 'planned' } });
      const f = await county.req('POST', `/api/v1/inspections/${i.body.id}/findings`, { token: inspector, body: { description: '浸润线观测设施失效', grade: 'major', deadline: '2027-01-31' } });
      expect(f.status).toBe(201);
      expect((await county.req('GET', `/api/v1/hazards/${f.body.hazard}`, { token: county.adminToken })).status).toBe(404);
      const { db } = county.node.store;
      const d = await db.selectFrom('net_directives').selectAll().where('node_id', '=', entNode.id).where('kind', '=', 'order').executeTakeFirstOrThrow();
      const order = JSON.parse(d.payload);
      expect(order).toMatchObject({ kind: 'hazard.open', target: { origin: 'ent-node' }, body: { hazardId: f.body.hazard, site: site.id, grade: 'major', inspection: i.body.id, finding: f.body.id }, issuedBy: { level: 'county' } });

      // Where it lands (here, for the test), it opens the hazard once, however often it arrives.
      const landed = { ...order, target: { origin: county.node.deps.nodeId } };
      for (let n = 0; n < 2; n++) await db.transaction().execute((tx) => county.node.services.network.orders.receive(tx, landed));
      const h = await county.req('GET', `/api/v1/hazards/${f.body.hazard}`, { token: county.adminToken });
      expect(h.body).toMatchObject({ state: 'registered', grade: 'major', source: 'inspection', sourceRef: i.body.id, site: site.id });
      expect(h.body.history.filter((c: { op: string }) => c.op === 'create')).toHaveLength(1);
    });
  });
}
