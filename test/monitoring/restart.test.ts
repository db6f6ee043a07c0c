import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNode } from '../../src/node.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite } from '../support/factories.ts';

/**
 * Point states are written when their durable part changes, not for every reading: a node started on
 * the same store brings each point's last reading up to date from the readings table.
 */
describe.each(['sqlite', 'postgres'] as const)('point states across a restart (%s)', (kind) => {
  let t: TestNode;
  let pond: { id: string; code: string };
  const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);
  let clock = t0 + 3_600_000;

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    pond = await makeSite(t, t.adminToken, ent);
    const s = await t.req('POST', `/api/v1/sites/${pond.code}/sensors`, {
      token: t.adminToken,
      body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', blue: 100, yellow: 101, orange: 102, red: 103, minCount: 2 } },
    });
    expect(s.status).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  it('recovers the last reading from the readings table when the stored state is older', async () => {
    const post = (readings: [number, number][]) =>
      t.req('POST', '/api/v1/telemetry', { token: t.adminToken, body: { readings: readings.map(([min, value]) => ({ site: pond.code, sensor: 'WL1', ts: t0 + min * 60_000, value })) } });
    expect((await post([[0, 95], [1, 100.5], [2, 96]])).body.accepted).toBe(3);
    expect((await post([[3, 97]])).body.accepted).toBe(1);
    const key = (await t.node.store.db.selectFrom('sensors').select('key').where('code', '=', 'WL1').executeTakeFirstOrThrow()).key;
    const stored = await t.node.store.db.selectFrom('point_states').select('state').where('sensor_key', '=', key).executeTakeFirstOrThrow();
    // Written with the first request (a streak began and ended); minute 3 changed nothing durable.
    expect(JSON.parse(stored.state)).toMatchObject({ lastTs: t0 + 2 * 60_000, pending: {} });

    const again = await createNode(t.node.config, { webDir: path.join(t.node.config.dataDir, 'no-web'), now: () => clock });
    try {
      await again.app.ready();
      const p = again.services.monitoring.points.get(`${Number(key)}|value`)!;
      expect(p.state).toMatchObject({ lastTs: t0 + 3 * 60_000, lastValue: 97, level: null, pending: {} });
    } finally {
      await again.close();
    }
  });
});
