import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/**
 * Sensors that reach the store by other paths than the sensor service — a parent's bootstrap of a new
 * node, records forwarded by a child — join the in-memory catalogue, so telemetry for them is accepted.
 */
describe.each(['sqlite', 'postgres'] as const)('catalogue sync (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };

  beforeAll(async () => {
    t = await makeTestNode(kind);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent, { crestElevation: 110 });
    const r = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, {
      token: t.adminToken,
      body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103 } },
    });
    expect(r.status).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  const post = (sensor: string) => t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: [{ site: pond.code, sensor, ts: Date.now() - 60_000, value: 95 }] } });

  it('accepts telemetry for a sensor written straight to the store once the catalogue has synced, and takes in its later edits', async () => {
    const db = t.node.store.db;
    const { key: _key, ...wl1 } = await db.selectFrom('sensors').selectAll().where('site_id', '=', pond.id).where('code', '=', 'WL1').executeTakeFirstOrThrow();
    await db.insertInto('sensors').values({ ...wl1, id: `${wl1.id}-b`, code: 'WL2', origin_node: 'parent-node' }).execute();
    expect((await post('WL2')).body.rejected).toEqual([{ index: 0, reason: `unknown sensor ${pond.code}/WL2` }]);
    const monitoring = t.node.services.monitoring;
    expect(await monitoring.syncCatalog()).toBe(1);
    expect(await monitoring.syncCatalog()).toBe(0);
    expect((await post('WL2')).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    // An edit arriving the same way (a newer version) replaces the catalogue entry: here, disabled.
    await db.updateTable('sensors').set({ disabled: 1, version: wl1.version + 1 }).where('code', '=', 'WL2').where('site_id', '=', pond.id).execute();
    expect(await monitoring.syncCatalog()).toBe(1);
    expect((await post('WL2')).body.rejected).toEqual([{ index: 0, reason: `sensor ${pond.code}/WL2 is disabled` }]);
  });

  it('takes in a bootstrap at once, on its event', async () => {
    const db = t.node.store.db;
    const { key: _key, ...wl1 } = await db.selectFrom('sensors').selectAll().where('site_id', '=', pond.id).where('code', '=', 'WL1').executeTakeFirstOrThrow();
    await db.insertInto('sensors').values({ ...wl1, id: `${wl1.id}-c`, code: 'WL3', origin_node: 'parent-node' }).execute();
    t.node.deps.events.publish('records.bootstrapped', { directive: 'd-1' });
    const until = Date.now() + 2000;
    while (t.node.services.monitoring.catalog.get(pond.code, 'WL3') === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect((await post('WL3')).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});
