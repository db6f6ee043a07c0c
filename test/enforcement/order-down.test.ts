import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { creditCode } from '../support/factories.ts';
import { call, freePort, kill, makeProc, sleep, startProxy, tempRoot, until, type ProcNode, type Proxy } from '../network/harness.ts';

/**
 * An order to rectify travels down and the rectification comes back up, across real processes: a
 * county node, and an enterprise node registered at it whose link runs through a proxy. The county
 * inspects the enterprise's site; the finding opens its hazard in the ENTERPRISE node's ledger (while
 * the link is cut for a few seconds), once; the enterprise rectifies it there; the county sees it
 * rectified and reviews the finding.
 */
describe('an order to rectify travels down, the rectification back up (county ← enterprise)', () => {
  const root = tempRoot();
  const procs: ProcNode[] = [];
  let proxy: Proxy | null = null;
  afterAll(async () => {
    for (const p of procs) await kill(p, 'SIGKILL');
    await proxy?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('opens the hazard at the enterprise node once, and reviews its rectification at the county', { timeout: 120_000 }, async () => {
    const fast = { heartbeatSec: 1, missedBeats: 2 };
    const county = await makeProc('county', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105' }, root);
    procs.push(county);
    await call(county, 'PUT', '/api/v1/network/settings', fast);
    const ent = (await call(county, 'POST', '/api/v1/enterprises', { name: '小店整改矿业', creditCode: creditCode(7711, '140105'), region: '140105' })).body;
    const entReg = (await call(county, 'POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent.id })).body;
    let target = county.port;
    proxy = await startProxy(() => target);
    const enterprise = await makeProc('enterprise', { KUANGAN_LEVEL: 'enterprise', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: proxy.url, KUANGAN_NODE_TOKEN: entReg.token }, root);
    procs.push(enterprise);
    await call(enterprise, 'PUT', '/api/v1/network/settings', fast);

    // The enterprise node registers its own site; it reaches the county as the enterprise node's record.
    await until('bootstrap', async () => (await call(enterprise, 'GET', `/api/v1/enterprises/${ent.id}`)).status === 200);
    const site = await call(enterprise, 'POST', '/api/v1/sites', { code: 'XD-ORD-1', name: '整改尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 40, totalStorage: 900, status: 'producing' });
    expect(site.status).toBe(201);
    const entNode = site.body.originNode as string;
    expect(entNode).toBeTruthy();
    await until('the site at the county', async () => (await call(county, 'GET', `/api/v1/sites/${site.body.id}`)).status === 200);

    // The link is cut while the county inspects.
    target = await freePort();
    proxy.dropAll();
    const insp = await call(county, 'POST', '/api/v1/inspections', { site: site.body.id, kind: 'unscheduled', inspectors: ['县执法一组'] });
    expect(insp.status).toBe(201);
    const f = await call(county, 'POST', `/api/v1/inspections/${insp.body.id}/findings`, { description: '排洪设施堵塞，未及时清理', grade: 'general', deadline: '2027-06-30' });
    expect(f.status).toBe(201);
    const hazardId = f.body.hazard as string;
    expect(hazardId).toBeTruthy();
    // Not opened in the county's own ledger: it is the enterprise's to rectify.
    expect((await call(county, 'GET', `/api/v1/hazards/${hazardId}`)).status).toBe(404);
    const tooEarly = await call(county, 'POST', `/api/v1/inspections/${insp.body.id}/findings/${f.body.id}/verify`, { note: '复查' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('hazard_not_here');
    await sleep(3000);
    expect((await call(enterprise, 'GET', `/api/v1/hazards/${hazardId}`)).status).toBe(404);

    // The link returns: the order reaches the enterprise node and is applied there, once.
    target = county.port;
    const h = await until('the hazard in the enterprise ledger', async () => {
      const r = await call(enterprise, 'GET', `/api/v1/hazards/${hazardId}`);
      return r.status === 200 && r.body;
    });
    expect(h).toMatchObject({ id: hazardId, site: site.body.id, state: 'registered', source: 'inspection', sourceRef: insp.body.id, grade: 'general', description: '排洪设施堵塞，未及时清理', originNode: entNode });
    await sleep(1500);
    const ledger = await call(enterprise, 'GET', `/api/v1/hazards?site=${site.body.id}`);
    expect(ledger.body.items.map((x: { id: string }) => x.id)).toEqual([hazardId]);
    const created = (await call(enterprise, 'GET', `/api/v1/hazards/${hazardId}`)).body.history.filter((c: { op: string }) => c.op === 'create');
    expect(created).toHaveLength(1);

    // It comes up registered; the county may not act on the enterprise's record, and may not review it yet.
    const up = await until('the hazard back at the county', async () => {
      const r = await call(county, 'GET', `/api/v1/hazards/${hazardId}`);
      return r.status === 200 && r.body;
    });
    expect(up.state).toBe('registered');
    const notYet = await call(county, 'POST', `/api/v1/inspections/${insp.body.id}/findings/${f.body.id}/verify`, {});
    expect(notYet.body.error.code).toBe('not_rectified');

    // The enterprise rectifies at its node; the rectified hazard travels up.
    const fixed = await call(enterprise, 'POST', `/api/v1/hazards/${hazardId}/rectify`, { note: '已清理排洪设施并加固' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.state).toBe('rectified');
    const seen = await until('the rectified hazard at the county', async () => {
      const r = await call(county, 'GET', `/api/v1/hazards/${hazardId}`);
      return r.body?.state === 'rectified' && r.body;
    });
    expect(seen.originNode).toBe(entNode);
    expect((await call(county, 'POST', `/api/v1/hazards/${hazardId}/verify`, {})).body.error.code).toBe('owned_elsewhere');

    const reviewed = await call(county, 'POST', `/api/v1/inspections/${insp.body.id}/findings/${f.body.id}/verify`, { note: '现场复查合格' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ id: f.body.id, hazard: hazardId, hazardState: 'rectified', verificationNote: '现场复查合格' });
    expect(reviewed.body.verifiedAt).toBeGreaterThan(0);
    expect((await call(county, 'POST', `/api/v1/inspections/${insp.body.id}/findings/${f.body.id}/verify`, {})).body.error.code).toBe('already_verified');
    const history = (await call(county, 'GET', `/api/v1/inspections/${insp.body.id}`)).body.history.map((a: { action: string }) => a.action);
    expect(history).toEqual(['create', 'finding', 'verify_finding']);
  });
});
