import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { seedDemoRegistry } from '../../src/demo/seed.ts';
import { DEMO_CAMPAIGN_LIST, seedDemoCampaign, type CampaignSeed } from '../../src/demo/campaign.ts';

type Row = Record<string, unknown>;

describe('demo campaign (晋应急函〔2022〕136号)', () => {
  let t: TestNode;
  let seed: CampaignSeed;
  let token: string;
  const get = async (url: string) => {
    const r = await t.req('GET', url, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  beforeAll(async () => {
    t = await makeTestNode('sqlite', {}, () => Date.UTC(2026, 6, 1, 2, 0, 0));
    await seedDemoRegistry(t.node);
    seed = await seedDemoCampaign(t.node);
    token = await t.login('sheng', 'Demo2026ka');
  });
  afterAll(async () => t?.cleanup());

  it('keeps the task list in the project, naming its source', () => {
    expect(DEMO_CAMPAIGN_LIST).not.toMatch(/shared/);
    expect(fs.readFileSync(DEMO_CAMPAIGN_LIST, 'utf8').split('\n')[0]).toMatch(/^#.*晋应急函〔2022〕136号.*附件/);
  });

  it('imports the list through the importer, with its problems, and saves every task', async () => {
    expect(seed.tasks).toBe(34);
    expect(seed.problems.filter((p) => p.kind === 'missing_number').map((p) => p.numbers)).toEqual([[13]]);
    const campaigns = await get('/api/v1/campaigns');
    expect(campaigns.items).toEqual([expect.objectContaining({ id: seed.campaign, document: '晋应急函〔2022〕136号', year: 2022, region: '140000' })]);
    const tasks = await get(`/api/v1/tasks?campaign=${seed.campaign}&limit=100`);
    expect(tasks.total).toBe(34);
    expect(tasks.items.find((x: Row) => x.number === '25').subItems).toHaveLength(3);
  });

  it('carries tasks to several steps of the closed loop', async () => {
    const tasks = (await get(`/api/v1/tasks?campaign=${seed.campaign}&limit=100`)).items as Row[];
    const state = (n: string) => tasks.find((x) => x.number === n)!;
    expect(state('3').state).toBe('in_progress');
    expect(state('12').state).toBe('published');
    expect(state('19')).toMatchObject({ state: 'listed', supervision: { by: '省应急管理厅' } });
    expect(state('5').state).toBe('key_supervision');
    expect(state('5').visits).toHaveLength(1);
    expect(state('1')).toMatchObject({ state: 'evaluated', evaluation: { score: 88 } });
    expect(new Set(tasks.map((x) => x.state)).size).toBeGreaterThanOrEqual(6);
    const pub = await t.req('GET', '/api/v1/public/listed-items');
    expect(pub.body.items.map((x: Row) => x.number).sort()).toEqual(['19', '5']);
  });

  it('assigns to cities and a county with reports and evidence; one share overdue; one accepted', async () => {
    const a = (await get(`/api/v1/assignments?campaign=${seed.campaign}&limit=100`)).items as Row[];
    expect(a.length).toBe(seed.assignments);
    expect(a.map((x) => x.region).sort()).toEqual(['140100', '140900', '140900', '140923', '141100']);
    const dai = a.find((x) => x.region === '140923')!;
    expect(dai).toMatchObject({ state: 'reported', progress: 60, ownedHere: true });
    expect((dai.evidence as { text: string }).text).toMatch(/东沟尾矿库/);
    expect(a.find((x) => x.region === '141100')!.state).toBe('accepted');
    const overdue = a.filter((x) => x.overdueAt !== null);
    expect(overdue.map((x) => x.region)).toEqual(['140100']);
    const task3 = await get(`/api/v1/tasks/${a.find((x) => x.region === '140100')!.taskId}`);
    expect(task3.progress).toBeGreaterThan(0);
  });

  it('numbers key problems by city, linked to tasks and sites, and records an interview (约谈)', async () => {
    expect(seed.keyProblems).toEqual(['晋-1401-2022-001', '晋-1401-2022-002', '晋-1409-2022-001']);
    const kp = (await get('/api/v1/key-problems?limit=50')).items as Row[];
    expect(kp).toHaveLength(3);
    for (const p of kp) {
      expect((p.taskIds as string[]).length).toBe(1);
      expect((p.siteIds as string[]).length).toBe(1);
    }
    const site = await get(`/api/v1/sites/${(kp.find((p) => p.number === '晋-1409-2022-001')!.siteIds as string[])[0]}`);
    expect(site.code).toBe('140923-TP-01');
    const pm = await get('/api/v1/pressure-measures?kind=interview');
    expect(pm.items).toEqual([expect.objectContaining({ kind: 'interview', region: '140100', campaignId: seed.campaign })]);
    const ev = await get(`/api/v1/campaigns/${seed.campaign}/evaluation?level=city`);
    expect(ev.items.find((u: Row) => u.code === '140100')).toMatchObject({ pressureMeasures: 1, overdue: 1 });
  });

  it('opens a reporting round and lists who has not reported', async () => {
    const missing = await get(`/api/v1/campaigns/${seed.campaign}/rounds/${seed.round}/missing`);
    const regions = missing.items.map((x: Row) => x.region).sort();
    expect(regions).toContain('140100');
    expect(regions).not.toContain('140923');
    expect(regions).not.toContain('141100');
  });
});
