import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { creditCode } from '../support/factories.ts';
import { createTempPgDatabase } from '../support/pg.ts';
import { call, kill, makeProc, sleep, tempRoot, until, startProxy, type ProcNode, type Proxy } from './harness.ts';

const DAY = 86_400_000;
// A 1×1 PNG: the site plan and a check's photo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function upload(n: ProcNode, site: string): Promise<string> {
  const r = await fetch(`${n.url}/api/v1/files?site=${encodeURIComponent(site)}`, { method: 'POST', headers: { authorization: `Bearer ${n.token}`, 'content-type': 'image/png' }, body: PNG });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

/**
 * The records a regulator above must see, made below and read at the province (PostgreSQL) across
 * real processes: province ← county ← enterprise, the county's link through a proxy that is cut while
 * they are made. The enterprise node (its clock two days behind, so that a check it left open is
 * missed by the time the province reads it) keeps checks and a risk map; the county keeps a compliance
 * finding, a campaign task, a checklist and a special period. Another county cannot write any of them.
 */
describe('checks, risk maps, findings, campaign tasks, checklists and special periods travel up', () => {
  const root = tempRoot();
  const procs: ProcNode[] = [];
  let proxy: Proxy | null = null;
  let drop: (() => Promise<void>) | null = null;
  afterAll(async () => {
    for (const p of procs) await kill(p, 'SIGKILL');
    await proxy?.close();
    await drop?.();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reach the province after a cut link, and another county cannot write them', { timeout: 90_000 }, async () => {
    const fast = { heartbeatSec: 1, missedBeats: 2 };
    const pg = await createTempPgDatabase();
    drop = pg.drop;
    const province = await makeProc('province', { KUANGAN_LEVEL: 'province', KUANGAN_REGION: '140000', DATABASE_URL: pg.url }, root);
    procs.push(province);
    await call(province, 'PUT', '/api/v1/network/settings', fast);
    const countyReg = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140105' })).body;
    const otherReg = (await call(province, 'POST', '/api/v1/network/nodes', { level: 'county', region: '140106' })).body;
    proxy = await startProxy(() => province.port);
    const county = await makeProc('county', { KUANGAN_LEVEL: 'county', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: proxy.url, KUANGAN_NODE_TOKEN: countyReg.token }, root);
    procs.push(county);
    await call(county, 'PUT', '/api/v1/network/settings', fast);
    const ent = (await call(county, 'POST', '/api/v1/enterprises', { name: '小店上报矿业', creditCode: creditCode(7912, '140105'), region: '140105' })).body;
    const entReg = (await call(county, 'POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent.id })).body;
    const enterprise = await makeProc('enterprise', { KUANGAN_LEVEL: 'enterprise', KUANGAN_REGION: '140105', KUANGAN_UPSTREAM: county.url, KUANGAN_NODE_TOKEN: entReg.token, KUANGAN_CLOCK_OFFSET_MS: String(-2 * DAY) }, root);
    procs.push(enterprise);
    await until('bootstrap of the enterprise node', async () => (await call(enterprise, 'GET', `/api/v1/enterprises/${ent.id}`)).status === 200);
    const site = await call(enterprise, 'POST', '/api/v1/sites', { code: 'XD-UP-1', name: '上报尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 40, totalStorage: 900, status: 'producing' });
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    const siteId = site.body.id as string;
    await until('the site at the county', async () => (await call(county, 'GET', `/api/v1/sites/${siteId}`)).status === 200);

    // The county's link to the province is cut while the records are made.
    proxy.cutting.p = 1;
    proxy.dropAll();

    // At the enterprise node: a risk point with its control measure, two checks (one done with a photo, one left open), a risk map.
    const risk = await call(enterprise, 'POST', '/api/v1/risks', { site: siteId, name: '尾矿坝', area: '坝体', method: 'LS', L: 4, S: 5, department: '尾矿车间', measures: [{ kind: 'management', text: '坝体每日巡查' }] });
    expect(risk.status, JSON.stringify(risk.body)).toBe(201);
    const open = await call(enterprise, 'POST', '/api/v1/checks', { site: siteId, frequency: 'daily' });
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    const made = await call(enterprise, 'POST', '/api/v1/checks', { site: siteId, frequency: 'daily' });
    const photo = await upload(enterprise, siteId);
    const done = await call(enterprise, 'POST', `/api/v1/checks/${made.body.id}/complete`, { results: [{ key: made.body.items[0].key, result: 'ok', note: '坝体无裂缝', photos: [photo] }] });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const plan = await upload(enterprise, siteId);
    const map = await call(enterprise, 'PUT', `/api/v1/sites/${siteId}/risk-map`, { file: plan, width: 100, height: 80, areas: [{ area: '坝体', polygon: [[10, 10], [90, 10], [50, 70]] }] });
    expect(map.status, JSON.stringify(map.body)).toBe(200);
    const entNode = map.body.originNode as string;

    // At the county: a compliance run (the producing site holds no safety licence), a campaign with a task, a checklist, a special period.
    const run = await until('a finding about the site at the county', async () => {
      const r = await call(county, 'POST', '/api/v1/compliance/run', {});
      return r.body?.findings?.some((f: { site: string | null; rule: string }) => f.site === siteId && f.rule === 'licence_valid') && r.body;
    });
    const finding = run.findings.find((f: { site: string | null; rule: string }) => f.site === siteId && f.rule === 'licence_valid');
    const countyNode = finding.originNode as string;
    const campaign = await call(county, 'POST', '/api/v1/campaigns', { name: '小店区尾矿库专项整治', year: 2026, tasks: [{ number: 1, text: '排查辖区尾矿库安全许可证', deadline: '2027-03-31' }] });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const items = [{ code: 'XD-1', text: '坝体是否有裂缝', basis: '《尾矿库安全规程》GB 39496-2020' }];
    expect((await call(county, 'PUT', '/api/v1/enforcement/checklists/tailings_pond', { region: '140105', version: 0, items })).status).toBe(200);
    const period = await call(county, 'POST', '/api/v1/enforcement/special-periods', { region: '140105', name: '汛期', from: '2027-06-01', to: '2027-09-30' });
    expect(period.status, JSON.stringify(period.body)).toBe(201);

    // The enterprise's records reach the county; none reaches the province while the link is cut.
    await until('the done check at the county', async () => (await call(county, 'GET', `/api/v1/checks/${made.body.id}`)).body?.state === 'done');
    await sleep(1500);
    expect((await call(province, 'GET', `/api/v1/checks?site=${siteId}`)).body.total ?? 0).toBe(0);
    expect((await call(province, 'GET', `/api/v1/compliance/findings/${finding.id}`)).status).toBe(404);

    // The link comes back: the province lists them all, placed and owned where they were made.
    proxy.cutting.p = 0;
    const checks = await until('the checks at the province', async () => {
      const r = await call(province, 'GET', `/api/v1/checks?site=${siteId}`);
      return r.body?.total === 2 && r.body.items.some((c: { state: string }) => c.state === 'done') && r.body;
    });
    const byId = new Map(checks.items.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(made.body.id)).toMatchObject({ state: 'done', originNode: entNode, enterprise: ent.id, region: '140105', results: [{ result: 'ok', note: '坝体无裂缝', photos: [photo] }] });
    expect(byId.get(open.body.id)).toMatchObject({ state: 'missed', originNode: entNode });
    expect((await call(province, 'GET', '/api/v1/checks?state=missed')).body.items.map((c: { id: string }) => c.id)).toContain(open.body.id);

    const atProvince = await until('the risk map at the province', async () => (await call(province, 'GET', `/api/v1/sites/${siteId}/risk-map`)).body?.plan && (await call(province, 'GET', `/api/v1/sites/${siteId}/risk-map`)).body);
    expect(atProvince).toMatchObject({ plan: { file: plan, width: 100, height: 80 }, originNode: entNode, areas: [{ area: '坝体', level: 'major', colour: 'red', risks: 1 }] });

    const findings = await until('the finding at the province', async () => {
      const r = await call(province, 'GET', `/api/v1/compliance/findings?site=${siteId}&rule=licence_valid`);
      return r.body?.items?.find((f: { id: string }) => f.id === finding.id) && r.body;
    });
    expect(findings.items.find((f: { id: string }) => f.id === finding.id)).toMatchObject({ originNode: countyNode, state: 'new', enterprise: ent.id });
    // The province reads the county's finding; the county alone handles it.
    const ack = await call(province, 'POST', `/api/v1/compliance/findings/${finding.id}/ack`, {});
    expect(ack.body.error?.code, JSON.stringify(ack.body)).toBe('owned_elsewhere');
    // The province's own run keeps its own finding beside the county's, and leaves the county's be.
    expect((await call(province, 'POST', '/api/v1/compliance/run', {})).status).toBe(200);
    const both = (await call(province, 'GET', `/api/v1/compliance/findings?site=${siteId}&rule=licence_valid`)).body.items as { id: string; originNode: string; state: string; version: number }[];
    expect(both).toHaveLength(2);
    expect(both.find((x) => x.id !== finding.id)?.originNode).not.toBe(countyNode);
    expect(both.find((x) => x.id === finding.id)).toMatchObject({ state: 'new', version: finding.version });

    const tasks = await until('the campaign task at the province', async () => {
      const r = await call(province, 'GET', `/api/v1/campaigns/${campaign.body.id}/tasks`);
      return r.body?.total === 1 && r.body;
    });
    expect(tasks.items[0]).toMatchObject({ text: '排查辖区尾矿库安全许可证', region: '140105', originNode: countyNode });
    const checklist = await until('the checklist at the province', async () => {
      const r = await call(province, 'GET', '/api/v1/enforcement/checklists?kind=tailings_pond&region=140105');
      return r.body?.source === 'region' && r.body;
    });
    expect(checklist).toMatchObject({ region: '140105', version: 1, items: [{ code: 'XD-1' }] });
    await until('the special period at the province', async () => (await call(province, 'GET', '/api/v1/enforcement/special-periods?region=140105')).body?.items?.some((p: { id: string }) => p.id === period.body.id));

    // Another county may write none of these: another node's check, a finding of a node not below it,
    // and its own checklist placed in a region outside its own.
    const c = byId.get(made.body.id) as Record<string, unknown>;
    const checkRow = {
      id: c.id, region_code: '140105', city_code: '140100', province_code: '140000', enterprise_id: ent.id, site_id: siteId, version: Number(c.version) + 1, origin_node: entNode,
      created_at: c.createdAt, updated_at: Date.now(), frequency: 'daily', period_start: c.periodStart, due_at: c.dueAt, items: JSON.stringify(c.items), results: JSON.stringify([]),
      completed_at: Date.now(), completed_by: 'x', completed_by_name: '冒名', created_by: null,
    };
    const f = findings.items.find((x: { id: string }) => x.id === finding.id);
    const findingRow = {
      id: f.id, fingerprint: 'forged', rule: f.rule, site_id: siteId, region_code: '140105', enterprise_id: ent.id, key: f.key, message: f.message, evidence: '{}', state: 'resolved', reason: '冒名',
      first_seen: f.firstSeen, last_seen: Date.now(), resolved_at: Date.now(), updated_at: Date.now(), updated_by: null, version: f.version + 1, origin_node: countyNode,
    };
    const now = Date.now();
    const templateRow = { id: '019ae000-0000-7000-8000-00000000a1a1', region_code: '140105', enterprise_id: null, version: 1, origin_node: otherReg.id, created_at: now, updated_at: now, kind: 'open_pit', items: '[]', updated_by: null };
    const forged = await call(province, 'POST', '/api/v1/sync/push', {
      node: otherReg.id, stream: 'records', from: 0, to: 3,
      items: [
        { seq: 1, entity: 'check', id: checkRow.id, origin: entNode, version: checkRow.version, row: checkRow },
        { seq: 2, entity: 'compliance_finding', id: findingRow.id, origin: countyNode, version: findingRow.version, row: findingRow },
        { seq: 3, entity: 'checklist_template', id: templateRow.id, origin: otherReg.id, version: 1, row: templateRow },
      ],
    }, otherReg.token);
    expect(forged.status, JSON.stringify(forged.body)).toBe(200);
    expect(forged.body.applied).toBe(0);
    expect(forged.body.refused.map((r: { entity: string; reason: string }) => [r.entity, r.reason])).toEqual([
      ['check', expect.stringContaining('not below the sender')],
      ['compliance_finding', expect.stringContaining('not below the sender')],
      ['checklist_template', expect.stringContaining('outside the node')],
    ]);
    expect((await call(province, 'GET', `/api/v1/checks/${made.body.id}`)).body).toMatchObject({ version: c.version, completedByName: done.body.completedByName });
    expect((await call(province, 'GET', `/api/v1/compliance/findings/${finding.id}`)).body).toMatchObject({ state: 'new', version: f.version });
  });
});
