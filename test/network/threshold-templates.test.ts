import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyDirective } from '../../src/sync/downlink.ts';
import type { Directive } from '../../src/sync/protocol.ts';
import { makeEnterprise, makeSite, makeUser } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { STORE_KINDS } from '../support/stores.ts';

const DOC = '晋应急发〔2026〕12号 附件2';
const DOC2 = '晋应急发〔2026〕31号';
const V1 = { blue: 1180, yellow: 1180.5, orange: 1181, red: 1181.5 };
const V2 = { blue: 1179.8, yellow: 1180.3, orange: 1180.8, red: 1181.3 };
const template = (values: Record<string, number>, extra: Record<string, unknown> = {}) => ({ grade: 3, damType: 'upstream', kind: 'water_level', direction: 'above', ...values, ...extra });

/**
 * A province issues threshold templates and notices to a county node below it. The county applies each
 * directive once as it pulls it: a template replaces the built-in default for new sensors there, moves
 * sensors still on template values when asked (never a level someone set by hand), and goes on to the
 * county's own children; notices are listed for the county's users.
 */
for (const kind of STORE_KINDS) describe(`threshold templates and notices from a parent (${kind})`, () => {
  let clock = Date.UTC(2026, 10, 20, 2, 0);
  let province: TestNode;
  let child: TestNode;
  let nodeToken: string;
  let nodeId: string;
  let cursor = 0;
  let pond: { id: string; code: string; grade: number | null };
  let other: { id: string; code: string; grade: number | null };

  /** What the county's downlink does: read the inbox after its cursor, apply each item, acknowledge. */
  async function pull(): Promise<Directive[]> {
    const r = await province.req('GET', `/api/v1/sync/inbox?cursor=${cursor}&wait=0`, { token: nodeToken });
    expect(r.status).toBe(200);
    for (const d of r.body.items as Directive[]) expect(await applyDirective(child.node.store, d, clock, { events: child.node.deps.events })).toBe(true);
    cursor = r.body.cursor;
    return r.body.items;
  }
  const sensor = async (code: string, site = pond.code) => {
    const r = await child.req('GET', `/api/v1/sites/${site}/sensors/${code}`, { token: child.adminToken });
    expect(r.status).toBe(200);
    return r.body;
  };
  const counts = async () => {
    const db = child.node.store.db;
    const [tpl, changes, received] = await Promise.all([
      db.selectFrom('threshold_templates').selectAll().execute(),
      db.selectFrom('change_log').select('id').where('entity', '=', 'sensor').execute(),
      db.selectFrom('net_received').select('id').execute(),
    ]);
    return { templates: tpl, changes: changes.length, received: received.length };
  };

  beforeAll(async () => {
    province = await makeTestNode(kind, { level: 'province', region: '140000' }, () => clock);
    const reg = await province.req('POST', '/api/v1/network/nodes', { token: province.adminToken, body: { level: 'county', region: '140105' } });
    expect(reg.status).toBe(201);
    nodeToken = reg.body.token;
    nodeId = reg.body.id;
    child = await makeTestNode(kind, { level: 'county', region: '140105' }, () => clock);
    // The bootstrap the registration queued, applied like any directive.
    expect((await pull()).map((d) => d.kind)).toEqual(['bootstrap']);
    const ent = await makeEnterprise(child, child.adminToken, { region: '140105' });
    pond = await makeSite(child, child.adminToken, ent);
    other = await makeSite(child, child.adminToken, ent, { damType: 'downstream' });
    expect([pond.grade, other.grade]).toEqual([3, 3]);
  });
  afterAll(async () => {
    await child?.cleanup();
    await province?.cleanup();
  });

  it('refuses a bad payload at the parent, naming the field', async () => {
    const send = (payload: unknown, k = 'threshold_template') => province.req('POST', '/api/v1/network/directives', { token: province.adminToken, body: { node: nodeId, kind: k, payload } });
    const bad = await send(template(V1, { grade: 7, source: DOC }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'body.payload.grade', message: 'Too big: expected number to be <=5' }]);
    const disorder = await send(template({ yellow: 1182, red: 1181 }, { source: DOC }));
    expect(disorder.status).toBe(400);
    expect(disorder.body.error.details).toEqual([{ path: 'body.payload.red', message: "red (1181) must be ≥ yellow (1182) when direction is 'above'" }]);
    const noSource = await send(template(V1));
    expect(noSource.status).toBe(400);
    expect(noSource.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.payload.source']);
    const noLevel = await send(template({}, { source: DOC }));
    expect(noLevel.status).toBe(400);
    expect(noLevel.body.error.details).toEqual([{ path: 'body.payload.red', message: 'give at least one of blue, yellow, orange, red' }]);
    const notice = await send({ body: 'no title' }, 'notice');
    expect(notice.status).toBe(400);
    expect(notice.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.payload.title']);
    // The service refuses the same on its own (422), for callers that do not come through the route.
    const admin = { kind: 'user' as const, id: 'a', name: 'admin', role: 'admin' as const, regionCode: null, enterpriseId: null };
    await expect(province.node.services.network.directives.create(admin, { node: nodeId, kind: 'threshold_template', payload: template(V1, { grade: 0, source: DOC }) })).rejects.toMatchObject({
      code: 'invalid',
      details: [{ path: 'payload.grade', message: expect.any(String) }],
    });
    expect(await province.node.store.db.selectFrom('net_directives').select('id').where('kind', '<>', 'bootstrap').execute()).toEqual([]);
  });

  it('applies a template once: new sensors at the node below take its values with the province’s source', async () => {
    // A grandchild below the county: the template goes on to it.
    const below = await child.req('POST', '/api/v1/network/nodes', { token: child.adminToken, body: { level: 'enterprise', enterprise: (await child.node.store.db.selectFrom('enterprises').select('id').executeTakeFirstOrThrow()).id } });
    expect(below.status).toBe(201);
    // Before: the built-in defaults have nothing for a water level.
    expect((await child.req('GET', `/api/v1/sites/${pond.code}/monitoring/templates`, { token: child.adminToken })).body.items.water_level).toBeUndefined();

    clock += 60_000;
    const sent = await province.req('POST', '/api/v1/network/directives', { token: province.adminToken, body: { node: nodeId, kind: 'threshold_template', payload: template(V1, { source: DOC }) } });
    expect(sent.status).toBe(201);
    const [d] = await pull();
    expect(d).toMatchObject({ kind: 'threshold_template', payload: { ...template(V1, { source: DOC }), applyToExisting: false, issuedBy: province.node.deps.nodeId } });
    const once = await counts();
    expect(once.templates).toEqual([
      {
        grade: 3,
        dam_type: 'upstream',
        kind: 'water_level',
        thresholds: JSON.stringify({ direction: 'above', ...V1 }),
        source: DOC,
        note: null,
        issued_by: province.node.deps.nodeId,
        directive_id: d!.id,
        updated_at: clock,
        updated_by: `directive ${d!.id}`,
      },
    ]);
    // Applying the same directive again changes nothing.
    clock += 1000;
    expect(await applyDirective(child.node.store, d!, clock, { events: child.node.deps.events })).toBe(false);
    expect(await counts()).toEqual(once);
    // Relayed once to the county's own child, with the province still named as its issuer.
    const relayed = await child.node.store.db.selectFrom('net_directives').selectAll().where('kind', '=', 'threshold_template').execute();
    expect(relayed.map((r) => [r.node_id, JSON.parse(r.payload).issuedBy, JSON.parse(r.payload).red])).toEqual([[below.body.id, province.node.deps.nodeId, 1181.5]]);

    const listed = await child.req('GET', '/api/v1/monitoring/threshold-templates', { token: child.adminToken });
    expect(listed.body.items).toEqual([
      { grade: 3, damType: 'upstream', kind: 'water_level', thresholds: { direction: 'above', ...V1 }, source: DOC, note: null, issuedBy: province.node.deps.nodeId, issuedHere: false, directive: d!.id, updatedAt: clock - 1000, updatedBy: `directive ${d!.id}` },
    ]);

    const src = { origin: 'template', source: DOC, confirmed: true };
    for (const body of [
      { code: 'WL1', kind: 'water_level' },
      { code: 'WL2', kind: 'water_level', thresholds: { red: 1182 } },
    ]) {
      expect((await child.req('POST', `/api/v1/sites/${pond.code}/sensors`, { token: child.adminToken, body })).status).toBe(201);
    }
    expect((await child.req('POST', `/api/v1/sites/${other.code}/sensors`, { token: child.adminToken, body: { code: 'WL1', kind: 'water_level' } })).status).toBe(201);
    const wl1 = await sensor('WL1');
    expect([wl1.thresholds, wl1.thresholdSources]).toEqual([{ direction: 'above', ...V1 }, { blue: src, yellow: src, orange: src, red: src }]);
    const wl2 = await sensor('WL2');
    expect(wl2.thresholds).toEqual({ direction: 'above', ...V1, red: 1182 });
    expect(wl2.thresholdSources).toEqual({ blue: src, yellow: src, orange: src, red: { origin: 'manual', by: '系统管理员', at: clock } });
    // A downstream pond is another template: still the built-in (none for a water level).
    expect((await sensor('WL1', other.code)).thresholds).toEqual({ direction: 'above' });
    expect((await child.req('GET', `/api/v1/sites/${pond.code}/monitoring/templates`, { token: child.adminToken })).body.items.water_level).toEqual({
      direction: 'above',
      ...V1,
      provenance: { blue: { source: DOC, confirmed: true }, yellow: { source: DOC, confirmed: true }, orange: { source: DOC, confirmed: true }, red: { source: DOC, confirmed: true } },
    });
  });

  it('moves existing sensors still on template values when asked, keeps a manual level, logs each change, and the catalogue follows', async () => {
    clock += 60_000;
    const before = await counts();
    const sent = await province.req('POST', '/api/v1/network/directives', { token: province.adminToken, body: { node: nodeId, kind: 'threshold_template', payload: template(V2, { source: DOC2, applyToExisting: true }) } });
    expect(sent.status).toBe(201);
    const [d] = await pull();
    const src = { origin: 'template', source: DOC2, confirmed: true };
    const wl1 = await sensor('WL1');
    expect([wl1.thresholds, wl1.thresholdSources, wl1.version]).toEqual([{ direction: 'above', ...V2 }, { blue: src, yellow: src, orange: src, red: src }, 2]);
    const wl2 = await sensor('WL2');
    expect([wl2.thresholds, wl2.thresholdSources.red.origin, wl2.version]).toEqual([{ direction: 'above', ...V2, red: 1182 }, 'manual', 2]);
    // The other pond's sensor is not on this template: untouched.
    expect((await sensor('WL1', other.code)).version).toBe(1);

    const log = await child.node.store.db.selectFrom('change_log').selectAll().where('entity', '=', 'sensor').where('op', '=', 'update').orderBy('seq').execute();
    expect(log.map((c) => [c.entity_id, c.actor_name, c.at, JSON.parse(c.changes!)])).toEqual([
      [wl1.id, `directive ${d!.id}`, clock, { thresholds: { direction: 'above', ...V2 }, template: { source: DOC2, issuedBy: province.node.deps.nodeId, directive: d!.id } }],
      [wl2.id, `directive ${d!.id}`, clock, { thresholds: { direction: 'above', ...V2, red: 1182 }, template: { source: DOC2, issuedBy: province.node.deps.nodeId, directive: d!.id } }],
    ]);
    const catalog = child.node.services.monitoring.catalog;
    await vi.waitFor(() => expect(catalog.byId(wl1.id)?.sensor.thresholds.red).toBe(1181.3), { timeout: 2000, interval: 10 });
    expect(catalog.byId(wl2.id)?.sensor.thresholds).toMatchObject({ yellow: 1180.3, red: 1182 });

    // Once only: again, nothing moves and nothing is logged.
    const after = await counts();
    expect(after.changes).toBe(before.changes + 2);
    expect(await applyDirective(child.node.store, d!, clock + 1000, { events: child.node.deps.events })).toBe(false);
    expect(await counts()).toEqual(after);
    expect((await sensor('WL1')).version).toBe(2);
  });

  it('lets the province set a template for its own use and send it to every child in one call (administrators only)', async () => {
    clock += 60_000;
    const { token: officer } = await makeUser(province, province.adminToken, { username: `po${kind}`, role: 'province_officer', region: '140000' });
    const body = { ...template(V1, { source: DOC }), sendToChildren: true };
    const refused = await province.req('PUT', '/api/v1/monitoring/threshold-templates', { token: officer, body });
    expect(refused.status).toBe(403);
    const bad = await province.req('PUT', '/api/v1/monitoring/threshold-templates', { token: province.adminToken, body: { ...body, damType: 'uphill' } });
    expect([bad.status, bad.body.error.details.map((p: { path: string }) => p.path)]).toEqual([400, ['body.damType']]);
    const r = await province.req('PUT', '/api/v1/monitoring/threshold-templates', { token: province.adminToken, body });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ template: { grade: 3, damType: 'upstream', kind: 'water_level', source: DOC, issuedHere: true, directive: null, updatedBy: '系统管理员' }, changed: [], skipped: [] });
    expect(r.body.directives).toEqual([{ id: expect.any(String), node: nodeId }]);
    expect((await province.req('GET', '/api/v1/monitoring/threshold-templates', { token: officer })).body.items.map((t: { source: string }) => t.source)).toEqual([DOC]);
    const [d] = await pull();
    expect(d).toMatchObject({ id: r.body.directives[0].id, kind: 'threshold_template', payload: { red: V1.red, issuedBy: province.node.deps.nodeId } });
    expect((await child.req('GET', '/api/v1/monitoring/threshold-templates', { token: child.adminToken })).body.items.map((t: { source: string; directive: string }) => [t.source, t.directive])).toEqual([[DOC, d!.id]]);
  });

  it('lists received notices for the node’s users, newest first', async () => {
    const notices = [
      { title: '关于汛期尾矿库安全检查的通知', body: '请于月底前完成自查。', due: Date.UTC(2026, 11, 31), document: '晋应急发〔2026〕40号' },
      { title: '关于报送监测数据的通知', body: '每日报送。' },
    ];
    for (const payload of notices) {
      clock += 60_000;
      const r = await province.req('POST', '/api/v1/network/directives', { token: province.adminToken, body: { node: nodeId, kind: 'notice', payload } });
      expect(r.status).toBe(201);
    }
    await pull();
    const { token: city } = await makeUser(child, child.adminToken, { username: `co${kind}`, role: 'county_officer', region: '140105' });
    const r = await child.req('GET', '/api/v1/network/directives/received?kind=notice', { token: city });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { kind: string; payload: unknown; createdAt: number }) => [i.kind, i.payload, i.createdAt])).toEqual([
      ['notice', notices[1], clock],
      ['notice', notices[0], clock - 60_000],
    ]);
    expect((await child.req('GET', '/api/v1/network/directives/received?kind=notice')).status).toBe(401);
    expect((await child.req('GET', '/api/v1/network/directives/received', { token: child.adminToken })).body.items.map((i: { kind: string }) => i.kind)).toEqual([
      'notice',
      'notice',
      'threshold_template',
      'threshold_template',
      'threshold_template',
      'bootstrap',
    ]);
  });
});
