import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearing, destination } from '../../src/domain/compliance/geodesy.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

function nearYellowRiver(km: number): { lng: number; lat: number } {
  const a: [number, number] = [110.44687, 36.14179];
  const b: [number, number] = [110.49749, 35.9796];
  const mid = destination(a, 9.3, bearing(a, b));
  const [lng, lat] = destination(mid, km, bearing(mid, b) - 90);
  return { lng, lat };
}

/** The river layer of the compliance map: lines with their buffer distance, buffers as polygons, ponds marked by their findings. */
describe.each(['sqlite', 'postgres'] as const)('compliance river map (%s)', (kind) => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => Date.UTC(2026, 11, 6, 2));
  });
  afterAll(async () => t?.cleanup());

  it('answers the river lines with 3 km / 1 km buffers and the ponds, red where the rule found them too close', async () => {
    const ent = await makeEnterprise(t, t.adminToken, { region: '141030' });
    const pond = { kind: 'tailings_pond', standardGrade: 2, safetyLicence: 'AQ-1', damType: 'upstream', damHeight: 50, isNew: true };
    const near = await makeSite(t, t.adminToken, ent, { ...pond, code: 'RM-NEAR', ...nearYellowRiver(2) });
    const far = await makeSite(t, t.adminToken, ent, { ...pond, code: 'RM-FAR', ...nearYellowRiver(10) });
    await t.req('POST', '/api/v1/compliance/run', { token: t.adminToken });
    const r = await t.req('GET', '/api/v1/compliance/rivers/map', { token: t.adminToken });
    expect(r.status).toBe(200);
    expect(r.body.bufferKm).toEqual({ main: 3, tributary: 1 });
    expect(r.body.source).toMatch(/Natural Earth/);
    const main = r.body.lines.features.filter((f: any) => f.properties.role === 'main');
    expect(main.length).toBeGreaterThan(0);
    expect(main.every((f: any) => f.properties.bufferKm === 3 && f.geometry.type === 'LineString')).toBe(true);
    expect(r.body.lines.features.filter((f: any) => f.properties.role === 'tributary').every((f: any) => f.properties.bufferKm === 1)).toBe(true);
    expect(r.body.buffers.features).toHaveLength(r.body.lines.features.length);
    expect(r.body.buffers.features.every((f: any) => ['Polygon', 'MultiPolygon'].includes(f.geometry.type))).toBe(true);
    const ponds = new Map(r.body.ponds.map((p: any) => [p.site, p]));
    expect((ponds.get(near.id) as any).findings[0].message).toMatch(/黄河干流/);
    expect((ponds.get(far.id) as any).findings).toEqual([]);
    const staff = await makeUser(t, t.adminToken, { username: 'rm_other', role: 'county_officer', region: '140105' });
    const theirs = await t.req('GET', '/api/v1/compliance/rivers/map', { token: staff.token });
    expect(theirs.body.ponds).toEqual([]);
    expect(theirs.body.lines.features.length).toBe(r.body.lines.features.length);
  });
});
