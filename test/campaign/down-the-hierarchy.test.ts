import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { creditCode } from '../support/factories.ts';
import { createTempPgDatabase } from '../support/pg.ts';
import { call, kill, makeProc, sleep, startProxy, tempRoot, until, type ProcNode } from '../network/harness.ts';

/**
 * The ledger across three real processes: the province assigns a task to a county; the county passes
 * it on to an enterprise whose node sits behind a proxy; the enterprise reports 100% with evidence
 * while its link keeps being cut; the county accepts; the province sees the enterprise's progress
 * rolled up, and holds the same assignment records as the nodes that made them.
 */
for (const store of ['sqlite', 'postgres'] as const) describe(`campaign task down the hierarchy and its progress back up, province on ${store}`, () => {
  const root = tempRoot();
  const procs: ProcNode[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | null = null;
  let pg: Awaited<ReturnType<typeof createTempPgDatabase>> | null = null;
  afterAll(async () => {
    for (const p of procs) await kill(p, 'SIGKILL');
    await proxy?.close();
    await pg?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('province → county → enterprise and back, through a link that is cut', { timeout: 90_000 }, async () => {
    const started = Date.now();
    const fast = { heartbeatSec: 1, missedBeats: 2 };
    pg = store === 'postgres' ? await createTempPgDatabase() : null;
    const province = await makeProc('province', { KUANGAN_LEVEL: 'province', KUANGAN_REGION: '140000', ...(pg ? { DATABASE_URL: pg.url } : {}) }, root);
    procs.push(province);
    await call(province, 'PUT', '/api/v1/network/settings', fast);
    const countyReg = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140105' })).body;
    const county = await makeProc('county', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: province.url, KUANGAN_NODE_TOKEN: countyReg.token }, root);
    procs.push(county);
    await call(county, 'PUT', '/api/v1/network/settings', fast);
    const ent = (await call(county, 'POST', '/api/v1/enterprises', { name: '小店整治测试矿业', creditCode: creditCode(7301, '140105'), region: '140105' })).body;
    const entReg = (await call(county, 'POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent.id })).body;
    proxy = await startProxy(() => county.port);
    const enterprise = await makeProc('enterprise', { KUANGAN_LEVEL: 'enterprise', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: proxy.url, KUANGAN_NODE_TOKEN: entReg.token }, root);
    procs.push(enterprise);
    await until('bootstrap of the enterprise node', async () => (await call(enterprise, 'GET', `/api/v1/enterprises/${ent.id}`)).status === 200);

    // The province saves a campaign and assigns its task to the county: an order down one hop.
    const campaign = await call(province, 'POST', '/api/v1/campaigns', {
      name: '非煤矿山安全生产专项整治三年行动',
      year: 2022,
      document: '晋应急函〔2022〕136号',
      tasks: [{ number: 2, text: '尾矿库在线监测系统实现省市县企四级联网', deadline: '2099-06-30' }],
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const task = (await call(province, 'GET', `/api/v1/tasks?campaign=${campaign.body.id}`)).body.items[0];
    const toCounty = await call(province, 'POST', `/api/v1/tasks/${task.id}/assign`, { region: '140105', deadline: '2099-06-20' });
    expect(toCounty.body, JSON.stringify(toCounty.body)).toMatchObject({ delivered: 'sent', via: countyReg.id });

    // The county's officers find the task on their own node and pass it on to the enterprise.
    const atCounty = await until('the assignment at the county', async () => (await call(county, 'GET', `/api/v1/assignments/${toCounty.body.id}`)).body?.id && (await call(county, 'GET', `/api/v1/assignments/${toCounty.body.id}`)).body);
    expect(atCounty).toMatchObject({ taskNumber: '2', taskText: task.text, region: '140105', ownedHere: true, state: 'assigned' });
    const toEnt = await call(county, 'POST', `/api/v1/assignments/${atCounty.id}/assign`, { enterprise: ent.id, deadline: '2099-06-10' });
    expect(toEnt.body, JSON.stringify(toEnt.body)).toMatchObject({ delivered: 'sent', via: entReg.id });
    const entA = toEnt.body.id as string;
    await until('the assignment at the enterprise node', async () => (await call(enterprise, 'GET', `/api/v1/assignments/${entA}`)).status === 200);

    // The enterprise reports 100% with evidence while its link keeps being cut.
    proxy.cutting.p = 0.5;
    const stopCutting = proxy.cutEvery(250);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from('联网截图')]);
    const up = await fetch(`${enterprise.url}/api/v1/files?enterprise=${ent.id}&name=online.png`, { method: 'POST', headers: { authorization: `Bearer ${enterprise.token}`, 'content-type': 'image/png' }, body: png });
    expect(up.status).toBe(201);
    const file = (await up.json()) as { id: string };
    const rep = await call(enterprise, 'POST', `/api/v1/assignments/${entA}/report`, { progress: 100, text: '两座尾矿库已接入四级联网', files: [file.id] });
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    // The county reports on its own share meanwhile (its progress is its shares' once it has any).
    expect((await call(county, 'POST', `/api/v1/assignments/${atCounty.id}/report`, { progress: 50 })).status).toBe(200);
    await sleep(3000);
    stopCutting();
    proxy.cutting.p = 0;
    expect(proxy.cuts()).toBeGreaterThan(3);

    // The county sees the report come up, accepts it; the decision goes down to the enterprise node.
    await until('the report at the county', async () => (await call(county, 'GET', `/api/v1/assignments/${entA}`)).body?.state === 'reported');
    // Reporting is done where the assignee is served: the county's copy of the enterprise's share is not reported on.
    const copy = await call(county, 'POST', `/api/v1/assignments/${entA}/report`, { progress: 10 });
    expect(copy.status).toBe(409);
    expect(copy.body.error.details).toMatchObject({ state: 'reported', action: 'report' });
    const acc = await call(county, 'POST', `/api/v1/assignments/${entA}/accept`, {});
    expect(acc.body, JSON.stringify(acc.body)).toMatchObject({ review: { decision: 'accept', delivered: 'sent' } });
    await until('accepted at the enterprise node', async () => (await call(enterprise, 'GET', `/api/v1/assignments/${entA}`)).body?.state === 'accepted');

    // The province sees the enterprise's work rolled up through the county's share.
    const seen = await until('accepted and rolled up at the province', async () => {
      const a = (await call(province, 'GET', `/api/v1/assignments/${entA}`)).body;
      const t = (await call(province, 'GET', `/api/v1/tasks/${task.id}`)).body;
      return a?.state === 'accepted' && t?.progress === 100 && { a, t };
    });
    expect(seen.a).toMatchObject({ progress: 100, evidence: { text: '两座尾矿库已接入四级联网', files: [file.id] }, ownedHere: false, parentId: atCounty.id });
    expect(seen.t.byAssignee).toEqual([expect.objectContaining({ assignment: toCounty.body.id, region: '140105', progress: 100 })]);
    const countyAtProvince = (await call(province, 'GET', `/api/v1/assignments/${atCounty.id}`)).body;
    expect(countyAtProvince).toMatchObject({ rolledProgress: 100, children: [{ id: entA, progress: 100 }] });
    // Evaluation at the province counts the enterprise's accepted work for the county.
    const ev = (await call(province, 'GET', `/api/v1/campaigns/${campaign.body.id}/evaluation?level=county`)).body;
    expect(ev.items[0]).toMatchObject({ code: '140105', completed: 1, completionRate: 100, onTimeRate: 100 });
    console.log(`${store}: ledger down the hierarchy: ${Date.now() - started} ms, ${proxy.cuts()} connections cut (${proxy.midStreamCuts()} mid-stream)`);
  });
});
