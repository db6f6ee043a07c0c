import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { creditCode } from '../support/factories.ts';
import { call, kill, makeProc, sleep, startProc, startProxy, tempRoot, until, type ProcNode, type Proxy } from '../network/harness.ts';

/**
 * Listed supervision travels down (挂牌督办) across real processes: province ← county ← enterprise,
 * the enterprise's link through a proxy. A major hazard registered at the enterprise node reaches the
 * province; the province lists it for supervision while the county process is down; once the county
 * is back the order reaches the enterprise node, is applied there once, and the listed hazard comes
 * back up, so the province shows what the enterprise shows. The province then accepts the close-out.
 */
describe('listed supervision travels down to the enterprise node and back up (province ← county ← enterprise)', () => {
  const root = tempRoot();
  const procs: ProcNode[] = [];
  let proxy: Proxy | null = null;
  afterAll(async () => {
    for (const p of procs) await kill(p, 'SIGKILL');
    await proxy?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('applies the order once at the enterprise node, through a county that was down', { timeout: 120_000 }, async () => {
    const fast = { heartbeatSec: 1, missedBeats: 2 };
    const province = await makeProc('province', { KUANGAN_LEVEL: 'province', KUANGAN_REGION: '140000' }, root);
    procs.push(province);
    await call(province, 'PUT', '/api/v1/network/settings', fast);
    const countyReg = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140105' })).body;
    const county = await makeProc('county', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: province.url, KUANGAN_NODE_TOKEN: countyReg.token }, root);
    procs.push(county);
    await call(county, 'PUT', '/api/v1/network/settings', fast);
    const ent = (await call(county, 'POST', '/api/v1/enterprises', { name: '小店督办矿业', creditCode: creditCode(7811, '140105'), region: '140105' })).body;
    const entReg = (await call(county, 'POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent.id })).body;
    proxy = await startProxy(() => county.port);
    const enterprise = await makeProc('enterprise', { KUANGAN_LEVEL: 'enterprise', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: proxy.url, KUANGAN_NODE_TOKEN: entReg.token }, root);
    procs.push(enterprise);
    await call(enterprise, 'PUT', '/api/v1/network/settings', fast);
    await until('bootstrap of the enterprise node', async () => (await call(enterprise, 'GET', `/api/v1/enterprises/${ent.id}`)).status === 200);

    // A major hazard registered and planned at the enterprise node reaches the province.
    const site = await call(enterprise, 'POST', '/api/v1/sites', { code: 'XD-SUP-1', name: '督办尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 40, totalStorage: 900, status: 'producing' });
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    const h = await call(enterprise, 'POST', '/api/v1/hazards', { site: site.body.id, description: '坝体高度超过设计总坝高', grade: 'major', deadline: '2030-01-31', criterion: '88-TP-C' });
    expect(h.status, JSON.stringify(h.body)).toBe(201);
    const hazardId = h.body.id as string;
    const entNode = h.body.originNode as string;
    const plan = { measures: '停止排尾，委托设计加高', funds: 800000, people: '总经理', deadline: '2030-01-31', interimMeasures: '降低库水位，24小时巡坝' };
    expect((await call(enterprise, 'POST', `/api/v1/hazards/${hazardId}/plan`, { plan })).status).toBe(200);
    await until('the planned hazard at the province', async () => (await call(province, 'GET', `/api/v1/hazards/${hazardId}`)).body?.state === 'planned');

    // The county process goes down; the province lists the hazard meanwhile.
    await kill(county, 'SIGKILL');
    const sup = await call(province, 'POST', `/api/v1/hazards/${hazardId}/supervise`, { order: '省级挂牌督办：2030年1月底前完成整改并销号', deadline: '2030-01-31', body: '山西省应急管理厅' });
    expect(sup.status, JSON.stringify(sup.body)).toBe(202);
    expect(sup.body.pending).toMatchObject({ action: 'supervise', orderId: expect.any(String) });
    expect(sup.body.supervision).toBeNull();
    await sleep(3000);
    expect((await call(enterprise, 'GET', `/api/v1/hazards/${hazardId}`)).body.supervision).toBeNull();

    // The county returns: the order reaches the enterprise node and is applied there, once.
    await startProc(county);
    const atEnt = await until('the supervision at the enterprise node', async () => {
      const r = await call(enterprise, 'GET', `/api/v1/hazards/${hazardId}`);
      return r.body?.supervision && r.body;
    });
    expect(atEnt.supervision).toMatchObject({ level: 'province', body: '山西省应急管理厅', order: '省级挂牌督办：2030年1月底前完成整改并销号', orderId: sup.body.pending.orderId });
    expect(atEnt.supervisedAt).toEqual(expect.any(Number));
    expect(atEnt.originNode).toBe(entNode);
    expect(atEnt.state).toBe('planned');
    const atProvince = await until('the listed hazard at the province', async () => {
      const r = await call(province, 'GET', `/api/v1/hazards/${hazardId}`);
      return r.body?.supervision && r.body;
    });
    expect(atProvince.supervision).toEqual(atEnt.supervision);
    expect(atProvince.version).toBe(atEnt.version);
    const atCounty = (await call(county, 'GET', `/api/v1/hazards/${hazardId}`)).body;
    expect(atCounty.supervision).toEqual(atEnt.supervision);
    await sleep(1500);
    const marks = (await call(enterprise, 'GET', `/api/v1/hazards/${hazardId}`)).body.history.filter((c: { op: string }) => c.op === 'supervise');
    expect(marks).toHaveLength(1);
    // A second listing is refused at the province, from the copy there.
    expect((await call(province, 'POST', `/api/v1/hazards/${hazardId}/supervise`, { order: '再次督办' })).body.error.code).toBe('already_supervised');

    // The enterprise rectifies, verifies and closes; the province accepts the close-out the same way.
    expect((await call(enterprise, 'POST', `/api/v1/hazards/${hazardId}/rectify`, { note: '已按设计加高并复测' })).status).toBe(200);
    expect((await call(province, 'POST', `/api/v1/hazards/${hazardId}/accept`, {})).status).toBe(409);
    const made = await call(enterprise, 'POST', '/api/v1/users', { username: 'yanshou', displayName: '验收员', password: 'Verify12345', role: 'enterprise_safety_officer', enterprise: ent.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const vt = (await call(enterprise, 'POST', '/api/v1/auth/login', { username: 'yanshou', password: 'Verify12345' }, '')).body.token as string;
    expect((await call(enterprise, 'POST', `/api/v1/hazards/${hazardId}/verify`, { note: '复测合格' }, vt)).status).toBe(200);
    expect((await call(enterprise, 'POST', `/api/v1/hazards/${hazardId}/close`, {}, vt)).status).toBe(200);
    await until('the closed hazard at the province', async () => (await call(province, 'GET', `/api/v1/hazards/${hazardId}`)).body?.state === 'closed');
    const acc = await call(province, 'POST', `/api/v1/hazards/${hazardId}/accept`, { note: '现场核查合格，同意摘牌' });
    expect(acc.status, JSON.stringify(acc.body)).toBe(202);
    const accepted = await until('the acceptance back at the province', async () => {
      const r = await call(province, 'GET', `/api/v1/hazards/${hazardId}`);
      return r.body?.supervisionAcceptance && r.body;
    });
    expect(accepted.supervisionAcceptance).toMatchObject({ level: 'province', body: '山西省应急管理厅', note: '现场核查合格，同意摘牌', orderId: acc.body.pending.orderId });
    expect((await call(enterprise, 'GET', `/api/v1/hazards/${hazardId}`)).body.supervisionAcceptance).toEqual(accepted.supervisionAcceptance);
  });
});
