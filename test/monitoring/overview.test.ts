import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';

/** The region overview lists every pond in scope, the unmonitored ones as a finding. */
describe('monitoring overview', () => {
  let t: TestNode;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTestNode('sqlite');
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const far = await makeEnterprise(t, t.adminToken, { region: '140106' });
    codes.monitored = (await makeSite(t, t.adminToken, ent)).code;
    codes.bare = (await makeSite(t, t.adminToken, ent)).code;
    codes.closed = (await makeSite(t, t.adminToken, ent, { status: 'closed' })).code;
    codes.mine = (await makeSite(t, t.adminToken, ent, { kind: 'underground', damType: undefined, damHeight: undefined, totalStorage: undefined })).code;
    codes.far = (await makeSite(t, t.adminToken, far)).code;
    const r = await t.req('POST', `/api/v1/sites/${codes.monitored}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } } });
    expect(r.status).toBe(201);
  });
  afterAll(async () => t?.cleanup());

  it('shows ponds without sensors as "no monitoring", within the caller’s scope', async () => {
    const county = await makeUser(t, t.adminToken, { username: 'ov_county', role: 'county_officer', region: '140105' });
    const r = await t.req('GET', '/api/v1/monitoring/overview', { token: county.token });
    expect(r.status).toBe(200);
    const rows = r.body.items.map((i: { site: string; sensors: number; monitored: boolean; finding?: string }) => [i.site, i.sensors, i.monitored, i.finding ?? null]);
    expect(rows).toEqual(
      [
        [codes.monitored, 1, true, null],
        [codes.bare, 0, false, 'no monitoring (未接入在线监测)'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const all = await t.req('GET', '/api/v1/monitoring/overview', { token: t.adminToken });
    expect(all.body.items.map((i: { site: string }) => i.site).sort()).toEqual([codes.monitored, codes.bare, codes.far].sort());
  });
});
