import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { creditCode } from '../support/factories.ts';
import { call, kill, makeProc, sleep, startProc, startProxy, tempRoot, until, type ProcNode } from '../network/harness.ts';

/**
 * One alarm, one state, at every level: province ← county ← enterprise as real processes, the
 * enterprise behind a proxy. A red alarm opened by telemetry at the enterprise is forwarded up; the
 * enterprise answers and analyses it; the province verifies while the county is down. The verification
 * travels down as an order, is applied once at the enterprise, and the alarm with its history comes
 * back up, so the province holds the same state and history as the node that owns it.
 */
describe('an alarm acted on across levels', () => {
  const root = tempRoot();
  const procs: ProcNode[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>> | null = null;
  afterAll(async () => {
    for (const p of procs) await kill(p, 'SIGKILL');
    await proxy?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const user = async (n: ProcNode, body: Record<string, string>) => {
    const r = await call(n, 'POST', '/api/v1/users', { password: 'Passw0rd1', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const l = await call(n, 'POST', '/api/v1/auth/login', { username: body.username, password: 'Passw0rd1' }, '');
    return l.body.token as string;
  };
  /** The history as every level must hold it. */
  const history = (a: { history: { at: number; action: string; by: string; role: string | null; level: string | null; note: string | null }[] }) =>
    a.history.map((h) => ({ at: h.at, action: h.action, by: h.by, role: h.role, level: h.level, note: h.note }));

  it('province verifies while the county is down; applied once below, converged above', { timeout: 90_000 }, async () => {
    const started = Date.now();
    const fast = { heartbeatSec: 1, missedBeats: 2 };
    const province = await makeProc('province', { KUANGAN_LEVEL: 'province', KUANGAN_REGION: '140000' }, root);
    procs.push(province);
    await call(province, 'PUT', '/api/v1/network/settings', fast);
    const countyReg = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140105' })).body;
    const county = await makeProc('county', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: province.url, KUANGAN_NODE_TOKEN: countyReg.token }, root);
    procs.push(county);
    await call(county, 'PUT', '/api/v1/network/settings', fast);
    const ent = (await call(county, 'POST', '/api/v1/enterprises', { name: '小店预警测试矿业', creditCode: creditCode(7402, '140105'), region: '140105' })).body;
    const entReg = (await call(county, 'POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent.id })).body;
    proxy = await startProxy(() => county.port);
    const enterprise = await makeProc('enterprise', { KUANGAN_LEVEL: 'enterprise', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: proxy.url, KUANGAN_NODE_TOKEN: entReg.token }, root);
    procs.push(enterprise);
    await until('bootstrap of the enterprise node', async () => (await call(enterprise, 'GET', `/api/v1/enterprises/${ent.id}`)).status === 200);

    const site = await call(enterprise, 'POST', '/api/v1/sites', { code: 'XD-Y-1', name: '预警测试尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 45, totalStorage: 1200 });
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    const s = await call(enterprise, 'POST', '/api/v1/sites/XD-Y-1/sensors', { code: 'WL1', kind: 'water_level', expectedIntervalSec: 3600, thresholds: { direction: 'above', red: 1000 } });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const r = await call(enterprise, 'POST', '/api/v1/telemetry', { readings: [{ site: 'XD-Y-1', sensor: 'WL1', ts: Date.now(), value: 1500 }] });
    expect(r.body?.accepted, JSON.stringify(r.body)).toBe(1);
    const opened = await until('the red alarm at the enterprise', async () => (await call(enterprise, 'GET', '/api/v1/alarms?kind=threshold')).body?.items?.[0]);
    expect(opened).toMatchObject({ level: 'red', state: 'open' });
    const id = opened.id as string;

    // The enterprise answers the call and analyses, on its own node.
    const safety = await user(enterprise, { username: 'anquan', role: 'enterprise_safety_officer', enterprise: ent.id });
    expect((await call(enterprise, 'POST', `/api/v1/alarms/${id}/ack`, { note: '已叫应' }, safety)).status).toBe(200);
    const an = await call(enterprise, 'POST', `/api/v1/alarms/${id}/analyse`, { cause: 'equipment_fault', measures: '水位计漂移，已更换' }, safety);
    expect(an.status, JSON.stringify(an.body)).toBe(200);
    await until('analysed at the province', async () => (await call(province, 'GET', `/api/v1/alarms/${id}`)).body?.state === 'analysed');
    await until('analysed at the county', async () => (await call(county, 'GET', `/api/v1/alarms/${id}`)).body?.state === 'analysed');

    // The province verifies while the county is down: the order waits in the directive channel.
    const officer = await user(province, { username: 'shengchu', role: 'province_officer', region: '140000' });
    await kill(county);
    const v = await call(province, 'POST', `/api/v1/alarms/${id}/verify`, { note: '省级核查属实' }, officer);
    expect(v.status, JSON.stringify(v.body)).toBe(202);
    expect(v.body).toMatchObject({ state: 'analysed', ownedHere: false, pending: { action: 'verify' } });
    expect(v.body.pendingOrders).toEqual([expect.objectContaining({ orderId: v.body.pending.orderId, action: 'verify', via: countyReg.id })]);
    await sleep(3000);
    expect((await call(province, 'GET', `/api/v1/alarms/${id}`)).body).toMatchObject({ state: 'analysed', pendingOrders: [{ action: 'verify' }] });
    await startProc(county);

    // Applied once where the alarm is owned, with who acted, in what role, at what level.
    const atEnt = await until('verified at the enterprise', async () => {
      const a = (await call(enterprise, 'GET', `/api/v1/alarms/${id}`)).body;
      return a?.state === 'verified' && a;
    });
    const verifies = atEnt.history.filter((h: { action: string }) => h.action === 'verify');
    expect(verifies).toEqual([expect.objectContaining({ by: 'shengchu', role: 'province_officer', level: 'province', note: '省级核查属实' })]);
    expect(atEnt.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'ack', 'analyse', 'verify']);

    // The province's copy converges: the same state and history, nothing pending.
    const atProv = await until('converged at the province', async () => {
      const a = (await call(province, 'GET', `/api/v1/alarms/${id}`)).body;
      return a?.state === 'verified' && a.history.length === atEnt.history.length && a.pendingOrders.length === 0 && a;
    });
    expect(history(atProv)).toEqual(history(atEnt));
    expect(atProv).toMatchObject({ verifiedBy: atEnt.verifiedBy, verifiedAt: atEnt.verifiedAt, updatedAt: atEnt.updatedAt });

    // Two levels close at once: the loop's order decides; the second is recorded as refused, at every level.
    const countyOfficer = await user(county, { username: 'xianju', role: 'county_officer', region: '140105' });
    await until('verified at the county', async () => (await call(county, 'GET', `/api/v1/alarms/${id}`)).body?.state === 'verified');
    const [c1, c2] = await Promise.all([
      call(province, 'POST', `/api/v1/alarms/${id}/close`, { note: '省级关闭' }, officer),
      call(county, 'POST', `/api/v1/alarms/${id}/close`, { note: '县级关闭' }, countyOfficer),
    ]);
    expect([c1.status, c2.status]).toEqual([202, 202]);
    const closedAtEnt = await until('both outcomes at the enterprise', async () => {
      const a = (await call(enterprise, 'GET', `/api/v1/alarms/${id}`)).body;
      return a?.state === 'closed' && a.history.length === 6 && a;
    });
    const tail = closedAtEnt.history.slice(4);
    expect(tail.map((h: { action: string }) => h.action)).toEqual(['close', 'refused']);
    expect(tail[1].note).toMatch(/closed/);
    expect(tail[1].details).toMatchObject({ requested: { type: 'close' }, state: 'closed' });
    for (const n of [county, province]) {
      const a = await until(`closed at the ${n.name}`, async () => {
        const x = (await call(n, 'GET', `/api/v1/alarms/${id}`)).body;
        return x?.state === 'closed' && x.history.length === 6 && x.pendingOrders.length === 0 && x;
      });
      expect(history(a)).toEqual(history(closedAtEnt));
    }
    console.log(`alarm across levels: ${Date.now() - started} ms`);
  });
});
