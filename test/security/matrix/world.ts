import { uuidv7 } from 'uuidv7';
import { makeEnterprise, makeSite, makeUser } from '../../support/factories.ts';
import { ADMIN_PASSWORD, type TestNode } from '../../support/node.ts';
import { bodyOverride } from './bodies.ts';
import { fieldsFor } from './fields.ts';
import { SHARED_KINDS, paramKind } from './routes.ts';
import { sample, toJsonSchema } from './sampler.ts';

/**
 * The records the matrix aims at: one set per place. `own` lies in county 140105 (city 140100), `other`
 * in the neighbouring county 140106 of the same city, `far` in a county of another city (140212, city 140200), so that a city
 * officer of 140100 has an "other" too. Every record is made through the API as the global admin.
 */
export type Place = 'own' | 'other' | 'far';
export const PLACES: Record<Place, string> = { own: '140105', other: '140106', far: '140212' };

/** Record kind → id, per place. Kinds are named after the collection segment of their routes. */
export type Records = Record<string, string>;

export interface Principal {
  label: string;
  token: string | null;
  /** Where "other" points for this principal: the neighbouring county, or another city for a city officer. */
  other: Place;
  /** Sees everything: its "other" cells may succeed. */
  global: boolean;
  kind: 'user' | 'node' | 'device' | 'none';
  /** To log in again for the routes that end the caller's own session. */
  login?: { username: string; password: string };
}

export interface World {
  records: Record<Place, Records>;
  /** Records alike in every place (platform-wide things: compliance rules, import kinds). */
  shared: Records;
  principals: Principal[];
  /** Collections the convention could not make, with why: their routes are reported unmapped. */
  notMade: Record<string, string>;
}

export const PASSWORD = 'Passw0rd1';

type Call = (method: string, url: string, body?: unknown, expect?: number[]) => Promise<any>;

function caller(t: TestNode): Call {
  return async (method, url, body, expect = [200, 201]) => {
    const r = await t.req(method, url, { token: t.adminToken, body });
    if (!expect.includes(r.status)) throw new Error(`setup ${method} ${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
    return r.body;
  };
}

/** Makes the records of one place; a capability whose routes are absent is skipped. */
async function place(t: TestNode, call: Call, has: Has, p: Place, n: number): Promise<Records> {
  const region = PLACES[p];
  const out: Records = { regions: region };
  const enterpriseName = `矩阵${p}矿业有限公司`;
  const ent = await makeEnterprise(t, t.adminToken, { region, name: enterpriseName });
  out.enterpriseName = enterpriseName;
  const site = await makeSite(t, t.adminToken, ent, { code: `MX${p.toUpperCase()}${n}` });
  Object.assign(out, { enterprises: ent.id, sites: site.id, siteCode: site.code });
  const staff = await makeUser(t, t.adminToken, { username: `mx_target_${p}_${n}`, role: 'enterprise_staff', enterprise: ent.id });
  out.users = staff.id;
  await call('POST', `/api/v1/sites/${site.code}/sensors`, { code: 'WL1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } });
  out.sensors = 'WL1';
  // Readings go to a sensor of their own, so that what the sensor routes do to WL1 never decides a telemetry cell.
  await call('POST', `/api/v1/sites/${site.code}/sensors`, { code: 'TM1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } });
  if (has('POST', '/api/v1/sites/:site/devices')) {
    out.devices = (await call('POST', `/api/v1/sites/${site.code}/devices`, { name: `RTU-${p}` })).id;
    out.deviceToken = (await call('POST', `/api/v1/sites/${site.code}/devices`, { name: `RTU-caller-${p}` })).token;
  }
  out.files = (await fileUpload(t, site.id)).id;
  await supervision(call, has, out, n);
  await campaignAndNetwork(call, has, out, p);
  if (has('POST', '/api/v1/telemetry')) {
    await call('POST', '/api/v1/telemetry', { readings: [{ site: site.code, sensor: 'WL1', ts: Date.now() - 1000, value: 300 }] }, [200, 201, 202]);
  }
  return out;
}

type Has = (m: string, u: string) => boolean;

/** Dual prevention and enforcement records of the place's site and enterprise. */
async function supervision(call: Call, has: Has, out: Records, n: number) {
  const { sites: site, enterprises: ent, regions: region } = out as Required<Records>;
  if (has('POST', '/api/v1/hazards')) out.hazards = (await call('POST', '/api/v1/hazards', { site, description: '坝体浸润线偏高', grade: 'major', deadline: '2030-01-31' })).id;
  if (has('POST', '/api/v1/risks')) out.risks = (await call('POST', '/api/v1/risks', { site, name: '尾矿坝整体稳定', method: 'LS', L: 4, S: 5, checkItems: ['坝体及排洪设施巡查'] })).id;
  if (has('POST', '/api/v1/inspections')) out.inspections = (await call('POST', '/api/v1/inspections', { site, kind: 'planned' })).id;
  if (has('POST', '/api/v1/inspections/:id/findings') && out.inspections) {
    const f = await call('POST', `/api/v1/inspections/${out.inspections}/findings`, { description: '排洪设施堵塞', grade: 'general', deadline: '2030-01-31' });
    out['inspection-findings'] = f.findings?.at(-1)?.id ?? f.id;
  }
  if (has('POST', '/api/v1/licences')) out.licences = (await call('POST', '/api/v1/licences', { enterprise: ent, site, number: `LIC-MX-${region}-${n}`, issuedAt: '2025-01-01' })).id;
  if (has('POST', '/api/v1/cases')) out.cases = (await call('POST', '/api/v1/cases', { kind: 'beyond_boundary', title: '越界开采', site })).id;
  if (has('POST', '/api/v1/scores')) {
    const idNumber = identityNumber(`${region}19800101${n}12`);
    const score = await call('POST', '/api/v1/scores', { enterprise: ent, person: { name: '王五', idNumber }, points: 3, reason: '安全培训不到位' });
    Object.assign(out, { scores: score.id, persons: score.person });
  }
  if (has('POST', '/api/v1/enforcement/plans')) out.plans = (await call('POST', '/api/v1/enforcement/plans', { region, year: 2026 })).id;
}

/** A campaign of the place with a task assigned to its enterprise, then the place's nodes. */
async function campaignAndNetwork(call: Call, has: Has, out: Records, p: Place) {
  const { enterprises: ent, regions: region } = out as Required<Records>;
  // Before the nodes: an assignment to a place a node serves is sent there, not kept here.
  if (has('POST', '/api/v1/campaigns')) {
    const campaign = uuidv7();
    const task = uuidv7();
    await call('POST', '/api/v1/campaigns', { id: campaign, name: `矩阵${p}专项整治`, year: 2026, region, tasks: [{ id: task, number: 1, text: '尾矿库联网', deadline: '2030-06-30' }] });
    Object.assign(out, { campaigns: campaign, tasks: task });
    if (has('POST', '/api/v1/tasks/:id/assign')) {
      const a = await call('POST', `/api/v1/tasks/${task}/assign`, { id: uuidv7(), enterprise: ent, deadline: '2030-06-20' });
      out.assignments = a.assignment.id;
    }
    if (has('POST', '/api/v1/campaigns/:id/rounds')) out.rounds = String((await call('POST', `/api/v1/campaigns/${campaign}/rounds`, { id: uuidv7(), due: '2030-03-31' })).ordinal ?? 1);
    if (has('POST', '/api/v1/key-problems')) out['key-problems'] = (await call('POST', '/api/v1/key-problems', { region, year: 2026, title: '尾矿库未联网' })).id;
    if (has('POST', '/api/v1/pressure-measures')) out['pressure-measures'] = (await call('POST', '/api/v1/pressure-measures', { kind: 'warning', enterprise: ent, title: '警示' })).id;
  }
  if (has('POST', '/api/v1/network/nodes')) {
    out.nodes = (await call('POST', '/api/v1/network/nodes', { level: 'enterprise', enterprise: ent })).id;
    out.nodeToken = (await call('POST', '/api/v1/network/nodes', { level: 'county', region })).token;
  }
}

/** A resident identity number (GB 11643) with its check character. */
function identityNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

async function fileUpload(t: TestNode, site: string) {
  const r = await t.node.app.inject({ method: 'POST', url: `/api/v1/files?site=${site}&name=evidence.png`, headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'image/png' }, payload: Buffer.from('matrix') });
  if (r.statusCode !== 201) throw new Error(`setup file: ${r.statusCode} ${r.body}`);
  return JSON.parse(r.body) as { id: string };
}

/** An officer disabling a sensor leaves a decided change request (变更申请) on record: a sensor of its own, CR1. */
async function changeRequest(call: Call, r: Records): Promise<string | undefined> {
  const sensor = await call('POST', `/api/v1/sites/${r.siteCode}/sensors`, { code: 'CR1', kind: 'water_level', unit: 'm', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 200 } });
  await call('PATCH', `/api/v1/sites/${r.siteCode}/sensors/CR1`, { version: sensor.version ?? sensor.sensor?.version ?? 1, disabled: true });
  const list = await call('GET', `/api/v1/monitoring/change-requests?limit=1000`);
  return list.items?.find((c: { siteId?: string }) => c.siteId === r.sites)?.id;
}

/** Waits for the alarm the over-red reading raised at each place's site, and a compliance finding there. */
async function derived(t: TestNode, call: Call, has: Has, records: Record<Place, Records>) {
  for (const r of Object.values(records)) {
    // The alarm loop raises it after the reading is written: a busy machine may take seconds.
    for (let i = 0; i < 600 && !r.alarms && has('GET', '/api/v1/alarms'); i++) {
      const list = await call('GET', `/api/v1/alarms?site=${r.sites}`, undefined, [200, 400]);
      const hit = list?.items?.find?.((a: { site?: string; siteId?: string }) => a.site === r.sites || a.siteId === r.sites);
      if (hit) r.alarms = hit.id;
      else await new Promise((res) => setTimeout(res, 50));
    }
  }
  if (has('GET', '/api/v1/monitoring/change-requests')) {
    for (const r of Object.values(records)) {
      const id = await changeRequest(call, r);
      if (id) r['change-requests'] = id;
    }
  }
  if (has('POST', '/api/v1/compliance/run')) {
    await call('POST', '/api/v1/compliance/run');
    const findings = await call('GET', '/api/v1/compliance/findings?limit=1000');
    for (const r of Object.values(records)) {
      r['findings'] = findings.items?.find((f: { site?: string; siteId?: string }) => f.site === r.sites || f.siteId === r.sites)?.id;
    }
  }
}

/**
 * A collection the routes name (`/api/v1/<name>/:id`) that nothing above makes is made the way a new
 * capability's records are by convention: its create route (`POST …/<name>`) with a sampled body aimed
 * at the place's records. What cannot be made so stays absent, and the matrix names its routes.
 */
async function sampledRecords(t: TestNode, records: Record<Place, Records>): Promise<Record<string, string>> {
  const notMade: Record<string, string> = {};
  const table = t.node.app.routeTable;
  const wanted = new Set<string>();
  for (const r of table) for (const m of r.url.matchAll(/:(\w+)/g)) {
    const kind = paramKind(r.url, m[1]!);
    if (kind && !SHARED_KINDS.has(kind) && !records.own[kind]) wanted.add(kind);
  }
  for (const kind of wanted) {
    const create = table.find((r) => r.method === 'POST' && r.url.endsWith(`/${kind}`) && r.url.startsWith('/api/'));
    const schema = create && toJsonSchema(create.schema?.body);
    if (!create || !schema) {
      notMade[kind] = `no create route POST …/${kind} with a body schema`;
      continue;
    }
    for (const p of Object.keys(records) as Place[]) {
      const fields = fieldsFor(records[p]);
      const body = bodyOverride(`POST ${create.url}`, sample(schema, fields), records[p], fields);
      const r = await t.req('POST', create.url, { token: t.adminToken, body });
      if (r.status === 201 || r.status === 200) records[p][kind] = r.body.id;
      else notMade[kind] = `POST ${create.url} ${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
    }
  }
  return notMade;
}

/** The records of three places and one principal per role bound to `own`. */
export async function buildWorld(t: TestNode, kind: string): Promise<World> {
  const call = caller(t);
  const table = new Set(t.node.app.routeTable.map((r) => `${r.method} ${r.url}`));
  const has = (m: string, u: string) => table.has(`${m} ${u}`);
  const records = {} as Record<Place, Records>;
  let n = 0;
  for (const p of Object.keys(PLACES) as Place[]) records[p] = await place(t, call, has, p, n++);
  await derived(t, call, has, records);
  const notMade = await sampledRecords(t, records);
  const first = async (url: string) => (has('GET', url) ? ((await call('GET', url)).items?.[0]?.id as string | undefined) : undefined);
  const shared: Records = { kind: 'sites', file: 'sites.csv' };
  for (const [kind, url] of [['rules', '/api/v1/compliance/rules'], ['criteria', '/api/v1/dualprev/criteria']] as const) {
    const id = await first(url);
    if (id) shared[kind] = id;
  }

  const own = records.own;
  const user = async (label: string, role: string, bind: { region?: string; enterprise?: string }, other: Place = 'other'): Promise<Principal> => {
    const username = `mx_${label}_${kind}`;
    const u = await makeUser(t, t.adminToken, { username, role, ...bind }, PASSWORD);
    return { label, token: u.token, other, global: false, kind: 'user', login: { username, password: PASSWORD } };
  };
  const principals: Principal[] = [
    { label: 'admin', token: t.adminToken, other: 'other', global: true, kind: 'user', login: { username: 'admin', password: ADMIN_PASSWORD } },
    await user('regional_admin', 'admin', { region: PLACES.own }),
    await user('city_officer', 'city_officer', { region: '140100' }, 'far'),
    await user('county_officer', 'county_officer', { region: PLACES.own }),
    await user('inspector', 'inspector', { region: PLACES.own }),
    await user('expert', 'expert', { region: PLACES.own }),
    await user('enterprise_principal', 'enterprise_principal', { enterprise: own.enterprises! }),
    await user('enterprise_safety_officer', 'enterprise_safety_officer', { enterprise: own.enterprises! }),
    await user('enterprise_staff', 'enterprise_staff', { enterprise: own.enterprises! }),
    { label: 'node', token: own.nodeToken ?? null, other: 'other', global: false, kind: 'node' },
    { label: 'device', token: own.deviceToken ?? null, other: 'other', global: false, kind: 'device' },
    { label: 'none', token: null, other: 'other', global: false, kind: 'none' },
  ];
  return { records, shared, notMade, principals: principals.filter((p) => p.kind === 'none' || p.token) };
}
