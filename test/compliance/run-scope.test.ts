import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/**
 * A run's counts (added, resolved, reopened, open) cover the caller's scope only, in the answer to a
 * run on demand and in the last run: a county officer learns nothing of other counties' findings.
 */
describe.each(['sqlite', 'postgres'] as const)('compliance run counts in scope (%s)', (kind) => {
  let t: TestNode;
  let xiaodian: { token: string };
  let yonghe: { token: string };
  let staff: { token: string };
  let clock = Date.UTC(2026, 11, 6, 2);

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const a = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const b = await makeEnterprise(t, t.adminToken, { region: '141023' });
    xiaodian = await makeUser(t, t.adminToken, { username: 's_140105', role: 'county_officer', region: '140105' });
    yonghe = await makeUser(t, t.adminToken, { username: 's_141023', role: 'county_officer', region: '141023' });
    staff = await makeUser(t, t.adminToken, { username: 's_staff', role: 'enterprise_staff', enterprise: b.id });
    const mine = { damType: null, damHeight: null, totalStorage: null, kind: 'underground', standardGrade: 2, safetyLicence: 'AQ-1', status: 'producing' };
    await makeSite(t, t.adminToken, a, { ...mine, code: 'XD31', peopleUnderground: 31, depth: 100 });
    await makeSite(t, t.adminToken, a, { ...mine, code: 'XD801', depth: 801 });
    await makeSite(t, t.adminToken, b, { ...mine, code: 'YH801', depth: 801 });
  });
  afterAll(async () => t?.cleanup());

  const counts = (s: { added: number; resolved: number; reopened: number; open: number }) => ({ added: s.added, resolved: s.resolved, reopened: s.reopened, open: s.open });

  it('a county officer running the rules is told the counts of its county only', async () => {
    const r = await t.req('POST', '/api/v1/compliance/run', { token: xiaodian.token });
    expect(r.status).toBe(200);
    expect(r.body.findings.map((f: any) => f.siteCode).sort()).toEqual(['XD31', 'XD801']);
    expect(counts(r.body.summary)).toEqual({ added: 2, resolved: 0, reopened: 0, open: 2 });
  });

  it('the last run is counted in the caller scope: each county, an enterprise, the whole platform', async () => {
    const last = async (token: string) => (await t.req('GET', '/api/v1/compliance/runs/last', { token })).body.run;
    expect(counts(await last(yonghe.token))).toEqual({ added: 1, resolved: 0, reopened: 0, open: 1 });
    expect(counts(await last(xiaodian.token))).toEqual({ added: 2, resolved: 0, reopened: 0, open: 2 });
    expect(counts(await last(staff.token))).toEqual({ added: 1, resolved: 0, reopened: 0, open: 1 });
    expect(counts(await last(t.adminToken))).toEqual({ added: 3, resolved: 0, reopened: 0, open: 3 });
  });

  it('a finding resolved in another county is not counted', async () => {
    const site = (await t.req('GET', '/api/v1/sites/YH801', { token: t.adminToken })).body;
    expect((await t.req('PATCH', '/api/v1/sites/YH801', { token: t.adminToken, body: { depth: 100, version: site.version } })).status).toBe(200);
    clock += 60_000;
    const r = await t.req('POST', '/api/v1/compliance/run', { token: xiaodian.token });
    expect(counts(r.body.summary)).toEqual({ added: 0, resolved: 0, reopened: 0, open: 2 });
    const other = (await t.req('GET', '/api/v1/compliance/runs/last', { token: yonghe.token })).body.run;
    expect(counts(other)).toEqual({ added: 0, resolved: 1, reopened: 0, open: 0 });
  });
});
