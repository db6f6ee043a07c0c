import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearing, destination } from '../../src/domain/compliance/geodesy.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** A point `km` east of the middle of a long straight stretch of the Yellow River's main course (Shanxi side). */
function nearYellowRiver(km: number): { lng: number; lat: number } {
  const a: [number, number] = [110.44687, 36.14179];
  const b: [number, number] = [110.49749, 35.9796];
  const mid = destination(a, 9.3, bearing(a, b));
  const [lng, lat] = destination(mid, km, bearing(mid, b) - 90);
  return { lng, lat };
}

/**
 * Runs over HTTP: findings per site with evidence, kept across runs (same rule, site and key), resolved
 * when the condition ends, reopened when it returns; ack, waive and resolve with the change log; the
 * list scoped to the caller (region prefix, own enterprise).
 */
describe.each(['sqlite', 'postgres'] as const)('compliance findings (%s)', (kind) => {
  let t: TestNode;
  let county: { token: string };
  let otherCounty: { token: string };
  let staff: { token: string };
  let ent: { id: string; region: string };
  let ent2: { id: string; region: string };
  const clock = Date.UTC(2026, 11, 6, 2);

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    ent2 = await makeEnterprise(t, t.adminToken, { region: '141023' });
    county = await makeUser(t, t.adminToken, { username: 'c_county', role: 'county_officer', region: '140105' });
    otherCounty = await makeUser(t, t.adminToken, { username: 'c_other', role: 'county_officer', region: '141023' });
    staff = await makeUser(t, t.adminToken, { username: 'c_staff', role: 'enterprise_staff', enterprise: ent.id });
  });
  afterAll(async () => t?.cleanup());

  const run = async (token = t.adminToken) => t.req('POST', '/api/v1/compliance/run', { token });
  const list = async (query = '', token = t.adminToken) => t.req('GET', `/api/v1/compliance/findings${query}`, { token });
  const mine = (body: { findings: { siteCode: string | null; rule: string; key: string }[] }, code: string) => body.findings.filter((f) => f.siteCode === code).map((f) => `${f.rule}:${f.key}`).sort();

  it('finds the seed rules on both sides of each boundary, with evidence', async () => {
    const pond = { kind: 'tailings_pond', standardGrade: 2, safetyLicence: 'AQ-1', damType: 'upstream' };
    const mineBase = { damType: null, damHeight: null, totalStorage: null, kind: 'underground', standardGrade: 2, safetyLicence: 'AQ-1', status: 'producing' };
    const sites = {
      near: await makeSite(t, t.adminToken, ent, { ...pond, code: 'NEAR', isNew: true, damHeight: 50, ...nearYellowRiver(2.99) }),
      far: await makeSite(t, t.adminToken, ent, { ...pond, code: 'FAR', isNew: true, damHeight: 50, ...nearYellowRiver(3.01) }),
      high: await makeSite(t, t.adminToken, ent, { ...pond, code: 'HIGH', isNew: true, damHeight: 200.1 }),
      low: await makeSite(t, t.adminToken, ent, { ...pond, code: 'LOW', isNew: true, damHeight: 199.9, totalStorage: 1200 }),
      p30: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'P30', peopleUnderground: 30, depth: 799 }),
      p31: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'P31', peopleUnderground: 31, depth: 100 }),
      d801: await makeSite(t, t.adminToken, ent2, { ...mineBase, code: 'D801', depth: 801 }),
      at10: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'AT10', minerals: ['iron'], designCapacity: 10 }),
      below10: await makeSite(t, t.adminToken, ent, { ...mineBase, code: 'BELOW10', minerals: ['iron'], actualCapacity: 9.5 }),
    };
    const r = await run();
    expect(r.status).toBe(200);
    expect(mine(r.body, 'NEAR')).toEqual(['yellow_river_distance:main']);
    expect(mine(r.body, 'FAR')).toEqual([]);
    expect(mine(r.body, 'HIGH')).toEqual(['pond_dam_height:']);
    expect(mine(r.body, 'LOW')).toEqual([]);
    expect(mine(r.body, 'P30')).toEqual([]);
    expect(mine(r.body, 'P31')).toEqual(['expert_consultation:']);
    expect(mine(r.body, 'D801')).toEqual(['expert_consultation:']);
    expect(mine(r.body, 'AT10')).toEqual([]);
    expect(mine(r.body, 'BELOW10')).toEqual(['closure_candidate:below_min_scale', 'min_scale:']);
    const near = r.body.findings.find((f: any) => f.siteCode === 'NEAR');
    expect(near.evidence).toMatchObject({ river: 'Huang', riverZh: '黄河', limitKm: 3 });
    expect(near.evidence.distanceKm).toBeCloseTo(2.99, 2);
    expect(near.evidence.geometry).toMatch(/Natural Earth/);
    const below = r.body.findings.find((f: any) => f.siteCode === 'BELOW10' && f.rule === 'min_scale');
    expect(below.evidence).toMatchObject({ capacity: 9.5, capacityField: 'actualCapacity', minimum: 10 });
    expect(r.body.summary).toMatchObject({ added: r.body.findings.length, resolved: 0, failed: [] });
    void sites;
  });
});
