import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/**
 * A finding raised as a task of a campaign: through the ledger, with the rule's description as the
 * default text and the finding's site linked; recorded on the finding; once per finding and campaign;
 * only officers who manage campaigns where the finding is.
 */
describe.each(['sqlite', 'postgres'] as const)('compliance findings raise campaign tasks (%s)', (kind) => {
  let t: TestNode;
  let county: string;
  let finding: { id: string; site: string; siteCode: string };
  let campaign: string;

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => Date.UTC(2026, 11, 6, 2));
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    county = (await makeUser(t, t.adminToken, { username: 'ft_county', role: 'county_officer', region: '140105' })).token;
    await makeSite(t, t.adminToken, ent, { code: 'SMALL-FT', kind: 'underground', damType: null, damHeight: null, totalStorage: null, status: 'producing', standardGrade: 2, safetyLicence: 'AQ-1', minerals: ['iron'], actualCapacity: 9.5 });
    await t.req('POST', '/api/v1/compliance/run', { token: t.adminToken });
    finding = (await t.req('GET', '/api/v1/compliance/findings?rule=min_scale', { token: county })).body.items[0];
    const c = await t.req('POST', '/api/v1/campaigns', { token: county, body: { name: '非煤矿山安全专项整治', year: 2026, tasks: [] } });
    expect(c.status).toBe(201);
    campaign = c.body.id;
  });
  afterAll(async () => t?.cleanup());

  const raise = (token: string, body: Record<string, unknown>, id = finding.id) => t.req('POST', `/api/v1/compliance/findings/${id}/task`, { token, body });

  it("creates the task in the campaign with the rule's description and the site, and records it on the finding", async () => {
    const r = await raise(county, { campaign, deadline: '2027-03-31' });
    expect(r.status).toBe(201);
    expect(r.body.task).toMatchObject({ campaign, campaignName: '非煤矿山安全专项整治', deadline: '2027-03-31', site: finding.site, state: 'raised' });
    expect(r.body.task.text).toMatch(/^重点县铁、铜、铅、锌地下矿山生产建设规模不低于30万吨/);
    expect(r.body.task.text).toContain('SMALL-FT');
    const task = await t.req('GET', `/api/v1/tasks/${r.body.task.task}`, { token: county });
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({ campaignId: campaign, deadline: '2027-03-31', text: r.body.task.text });
    expect(task.body.remarks).toContain(finding.id);
    const seen = await t.req('GET', `/api/v1/compliance/findings/${finding.id}`, { token: county });
    expect(seen.body.tasks).toEqual([r.body.task]);
    const listed = (await t.req('GET', '/api/v1/compliance/findings?rule=min_scale', { token: county })).body.items[0];
    expect(listed.tasks.map((x: { task: string }) => x.task)).toEqual([r.body.task.task]);
  });

  it('is idempotent per finding and campaign; another campaign gets its own task, with the given text', async () => {
    const first = (await t.req('GET', `/api/v1/compliance/findings/${finding.id}`, { token: county })).body.tasks[0];
    const again = await raise(county, { campaign, deadline: '2027-06-30', text: '另一段' });
    expect(again.status).toBe(200);
    expect(again.body.task).toEqual(first);
    expect((await t.req('GET', `/api/v1/campaigns/${campaign}/tasks`, { token: county })).body.total).toBe(1);
    const other = (await t.req('POST', '/api/v1/campaigns', { token: county, body: { name: '尾矿库专项治理', tasks: [] } })).body.id;
    const second = await raise(county, { campaign: other, deadline: '2027-06-30', text: '限期提升至最低开采规模' });
    expect(second.status).toBe(201);
    expect(second.body.task).toMatchObject({ campaign: other, text: '限期提升至最低开采规模' });
    expect(second.body.finding.tasks).toHaveLength(2);
  });

  it('is open to officers with campaign.manage where the finding is, and to no one else', async () => {
    const other = (await makeUser(t, t.adminToken, { username: 'ft_other', role: 'county_officer', region: '141023' })).token;
    const inspector = (await makeUser(t, t.adminToken, { username: 'ft_insp', role: 'inspector', region: '140105' })).token;
    expect((await raise(other, { campaign, deadline: '2027-03-31' })).status).toBe(404);
    expect((await raise(inspector, { campaign, deadline: '2027-03-31' })).status).toBe(403);
    expect((await raise(county, { campaign, deadline: '2027-03-31' }, '0190a0a0-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await raise(county, { campaign, deadline: '31/03/2027' })).status).toBe(400);
  });
});
