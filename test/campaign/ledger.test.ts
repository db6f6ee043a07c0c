import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeUser } from '../support/factories.ts';
import { STORE_KINDS } from '../support/stores.ts';

const LIST = `序号\t工作任务\t完成时限
1\t健全完善非煤矿山安全生产责任体系\t2020年底前
2\t尾矿库在线监测系统实现省市县企四级联网\t2022年6月底前
3\t开展采空区专项治理\t2022年12月底前`;

for (const kind of STORE_KINDS) {
  describe(`campaign ledger (${kind})`, () => {
    let t: TestNode;
    let province: string;
    let city: string;
    let county: string;
    let ent: { id: string; region: string };
    let principal: string;
    let campaignId: string;
    let taskIds: string[];

    beforeAll(async () => {
      t = await makeTestNode(kind);
      province = (await makeUser(t, t.adminToken, { username: `l-prov-${kind}`, role: 'province_officer', region: '140000' })).token;
      city = (await makeUser(t, t.adminToken, { username: `l-city-${kind}`, role: 'city_officer', region: '140100' })).token;
      county = (await makeUser(t, t.adminToken, { username: `l-county-${kind}`, role: 'county_officer', region: '140105' })).token;
      ent = await makeEnterprise(t, county, { region: '140105' });
      principal = (await makeUser(t, t.adminToken, { username: `l-ent-${kind}`, role: 'enterprise_principal', enterprise: ent.id })).token;
    });
    afterAll(async () => t?.cleanup());

    it('saves the reviewed tasks the importer returned; the same id twice gives one campaign', async () => {
      const imported = await t.req('POST', '/api/v1/campaigns/import', { token: province, body: { format: 'text', content: LIST } });
      expect(imported.status).toBe(200);
      expect(imported.body.tasks.length).toBe(3);
      const id = uuidv7();
      const body = { id, name: '非煤矿山安全生产专项整治三年行动', year: 2022, document: '晋应急函〔2022〕136号', tasks: imported.body.tasks };
      const first = await t.req('POST', '/api/v1/campaigns', { token: province, body });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toMatchObject({ id, region: '140000', tasks: 3 });
      const again = await t.req('POST', '/api/v1/campaigns', { token: province, body });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(id);
      expect((await t.req('GET', '/api/v1/campaigns?year=2022', { token: province })).body.total).toBe(1);
      const tasks = await t.req('GET', `/api/v1/tasks?campaign=${id}`, { token: province });
      expect(tasks.body.total).toBe(3);
      expect(tasks.body.items.map((x: { number: string }) => x.number)).toEqual(['1', '2', '3']);
      expect(tasks.body.items[1]).toMatchObject({ deadline: '2022-06-30', state: 'raised', progress: null });
      expect((await t.req('POST', '/api/v1/campaigns', { token: province, body: { ...body, id: 'not-a-uuid' } })).status).toBe(422);
      expect((await t.req('POST', '/api/v1/campaigns', { token: principal, body: { ...body, id: uuidv7() } })).status).toBe(403);
      const extraId = uuidv7();
      const extra = { campaign: id, id: extraId, number: '4', text: '补充：汛期尾矿库专项检查', deadline: '2022-08-31' };
      const made = await t.req('POST', '/api/v1/tasks', { token: province, body: extra });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ id: extraId, ordinal: 4, state: 'raised' });
      expect((await t.req('POST', '/api/v1/tasks', { token: province, body: extra })).status).toBe(200);
      expect((await t.req('GET', `/api/v1/tasks?campaign=${id}`, { token: province })).body.total).toBe(4);
      campaignId = id;
      taskIds = tasks.body.items.map((x: { id: string }) => x.id);
    });

    it('drives a task through the closed loop, each step with who and when; 409 names state and action; a stale version answers the current record', async () => {
      const id = taskIds[0]!;
      const bad = await t.req('POST', `/api/v1/tasks/${id}/list`, { token: province, body: { supervision: { by: '省应急管理厅', what: '限期完成', deadline: '2022-09-30' } } });
      expect(bad.status).toBe(409);
      expect(bad.body.error.details).toEqual({ state: 'raised', action: 'list' });
      const h = await t.req('POST', `/api/v1/tasks/${id}/handle`, { token: province, body: { version: 1, owner: '太原市应急管理局', deadline: '2022-08-31' } });
      expect(h.body).toMatchObject({ state: 'in_progress', owner: '太原市应急管理局', version: 2 });
      const stale = await t.req('POST', `/api/v1/tasks/${id}/publish`, { token: province, body: { version: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.details.current).toMatchObject({ id, version: 2, state: 'in_progress' });
      await t.req('POST', `/api/v1/tasks/${id}/publish`, { token: province, body: { version: 2 } });
      const listed = await t.req('POST', `/api/v1/tasks/${id}/list`, { token: province, body: { supervision: { by: '省应急管理厅', what: '尾矿库联网率达到100%', deadline: '2022-09-30' } } });
      expect(listed.body).toMatchObject({ state: 'listed', supervision: { by: '省应急管理厅', what: '尾矿库联网率达到100%', deadline: '2022-09-30' } });
      await t.req('POST', `/api/v1/tasks/${id}/supervise`, { token: province, body: {} });
      const v = await t.req('POST', `/api/v1/tasks/${id}/visit`, { token: province, body: { visit: { by: '省督导组', findings: '两座尾矿库未联网' } } });
      expect(v.body.visits).toHaveLength(1);
      await t.req('POST', `/api/v1/tasks/${id}/evaluate`, { token: province, body: { evaluation: { score: 85, conclusion: '基本完成' } } });
      const c = await t.req('POST', `/api/v1/tasks/${id}/circulate`, { token: province, body: { notice: '全省通报' } });
      expect(c.body.state).toBe('circulated');
      expect(c.body.steps.map((s: { action: string }) => s.action)).toEqual(['raise', 'handle', 'publish', 'list', 'supervise', 'visit', 'evaluate', 'circulate']);
      expect(c.body.steps.every((s: { by: string; at: number }) => s.by && s.at > 0)).toBe(true);
      const hist = await t.req('GET', `/api/v1/tasks/${id}/history`, { token: province });
      expect(hist.body.items.map((h: { op: string }) => h.op).reverse()).toEqual(['create', 'handle', 'publish', 'list', 'supervise', 'visit', 'evaluate', 'circulate']);
      const ret = await t.req('POST', `/api/v1/tasks/${id}/return`, { token: province, body: {} });
      expect(ret.status).toBe(400);
      expect((await t.req('GET', `/api/v1/tasks/${id}`, { token: county })).status).toBe(404);
    });

    it('assigns down province → city → county → enterprise; the enterprise reports with evidence; review rolls progress up', async () => {
      const task = taskIds[1]!;
      const toCity = await t.req('POST', `/api/v1/tasks/${task}/assign`, { token: province, body: { region: '140100', deadline: '2022-06-20' } });
      expect(toCity.status, JSON.stringify(toCity.body)).toBe(201);
      expect(toCity.body).toMatchObject({ delivered: 'here', assignment: { state: 'assigned', region: '140100', taskNumber: '2' } });
      const cityA = toCity.body.id as string;
      const id2 = uuidv7();
      await t.req('POST', `/api/v1/tasks/${task}/assign`, { token: province, body: { id: id2, region: '140200', deadline: '2022-06-20' } });
      const replay = await t.req('POST', `/api/v1/tasks/${task}/assign`, { token: province, body: { id: id2, region: '140200', deadline: '2022-06-20' } });
      expect(replay.body.id).toBe(id2);
      expect((await t.req('GET', `/api/v1/assignments?task=${task}`, { token: province })).body.total).toBe(2);
      // The city sees its own share and passes it on; not above its deadline, only below itself.
      expect((await t.req('GET', '/api/v1/assignments', { token: city })).body.items.map((a: { id: string }) => a.id)).toEqual([cityA]);
      expect((await t.req('POST', `/api/v1/assignments/${cityA}/assign`, { token: city, body: { region: '140105', deadline: '2022-07-01' } })).status).toBe(422);
      expect((await t.req('POST', `/api/v1/assignments/${cityA}/assign`, { token: city, body: { region: '140212', deadline: '2022-06-10' } })).status).toBe(422);
      const toCounty = await t.req('POST', `/api/v1/assignments/${cityA}/assign`, { token: city, body: { region: '140105', deadline: '2022-06-15' } });
      expect(toCounty.status).toBe(201);
      const countyA = toCounty.body.id as string;
      const toEnt = await t.req('POST', `/api/v1/assignments/${countyA}/assign`, { token: county, body: { enterprise: ent.id, deadline: '2022-06-10' } });
      expect(toEnt.body.assignment).toMatchObject({ enterprise: ent.id, region: '140105', parentId: countyA });
      const entA = toEnt.body.id as string;
      // The enterprise sees only its own; it may not accept its own work.
      const mine = await t.req('GET', '/api/v1/assignments', { token: principal });
      expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([entA]);
      expect((await t.req('POST', `/api/v1/assignments/${entA}/accept`, { token: principal, body: {} })).status).toBe(404);
      expect((await t.req('POST', `/api/v1/assignments/${entA}/accept`, { token: county, body: {} })).status).toBe(409);
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(`evidence ${kind}`)]);
      const file = await t.req('POST', `/api/v1/files?enterprise=${ent.id}&name=proof.png`, { token: principal, body: png, headers: { 'content-type': 'image/png' } });
      expect(file.status).toBe(201);
      const rep = await t.req('POST', `/api/v1/assignments/${entA}/report`, { token: principal, body: { progress: 60, text: '已完成两座尾矿库联网', files: [file.body.id] } });
      expect(rep.status, JSON.stringify(rep.body)).toBe(200);
      expect(rep.body).toMatchObject({ state: 'reported', progress: 60, evidence: { text: '已完成两座尾矿库联网', files: [file.body.id] } });
      const returned = await t.req('POST', `/api/v1/assignments/${entA}/return`, { token: county, body: { reason: '缺少联网截图', version: rep.body.version } });
      expect(returned.body).toMatchObject({ state: 'returned', returnReason: '缺少联网截图', review: { decision: 'return', delivered: 'here' } });
      const rep2 = await t.req('POST', `/api/v1/assignments/${entA}/report`, { token: principal, body: { progress: 100, text: '全部联网' } });
      expect(rep2.body.reports).toHaveLength(2);
      // A decision made on an earlier report (its order arriving late) is not applied to the new one.
      const orders = t.node.services.network.orders;
      await t.node.store.db.transaction().execute((tx) =>
        orders.issue(tx, { kind: 'task.review', target: { origin: t.node.deps.nodeId }, body: { assignmentId: entA, reviewId: uuidv7(), decision: 'accept', reason: null, version: rep2.body.version - 1 }, issuedBy: { actorId: null, actorName: '迟到的审核', role: null } }),
      );
      expect((await t.req('GET', `/api/v1/assignments/${entA}`, { token: county })).body).toMatchObject({ state: 'reported', version: rep2.body.version });
      const acc = await t.req('POST', `/api/v1/assignments/${entA}/accept`, { token: county, body: { version: rep2.body.version } });
      expect(acc.body.state).toBe('accepted');
      // Roll-up: county 100, city 100 (its only share), Datong 0 → the task 50.
      expect((await t.req('GET', `/api/v1/assignments/${cityA}`, { token: city })).body).toMatchObject({ rolledProgress: 100, children: [{ id: countyA, progress: 100 }] });
      const got = await t.req('GET', `/api/v1/tasks/${task}`, { token: province });
      expect(got.body.progress).toBe(50);
      expect(got.body.byAssignee.map((b: { region: string; progress: number }) => [b.region, b.progress]).sort()).toEqual([
        ['140100', 100],
        ['140200', 0],
      ]);
    });

    it('numbers key problems 晋-<city>-<year>-<seq> without gaps or repeats, also when created at once', async () => {
      const one = await t.req('POST', '/api/v1/key-problems', { token: city, body: { region: '140105', year: 2022, title: '尾矿库未联网', tasks: [taskIds[1]] } });
      expect(one.status, JSON.stringify(one.body)).toBe(201);
      expect(one.body.number).toBe('晋-1401-2022-001');
      const many = await Promise.all(Array.from({ length: 8 }, (_, i) => t.req('POST', '/api/v1/key-problems', { token: city, body: { region: '140100', year: 2022, title: `问题${i}` } })));
      expect(many.map((r) => r.status)).toEqual(Array(8).fill(201));
      const numbers = many.map((r) => r.body.number as string).sort();
      expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `晋-1401-2022-${String(i + 2).padStart(3, '0')}`));
      const other = await t.req('POST', '/api/v1/key-problems', { token: province, body: { region: '140200', year: 2022, title: '大同' } });
      expect(other.body.number).toBe('晋-1402-2022-001');
      const id = uuidv7();
      const a = await t.req('POST', '/api/v1/key-problems', { token: city, body: { id, region: '140100', year: 2022, title: '重复提交' } });
      const b = await t.req('POST', '/api/v1/key-problems', { token: city, body: { id, region: '140100', year: 2022, title: '重复提交' } });
      expect([a.status, b.status]).toEqual([201, 200]);
      expect(b.body.number).toBe(a.body.number);
      expect((await t.req('GET', `/api/v1/key-problems/${encodeURIComponent('晋-1401-2022-001')}`, { token: city })).body.id).toBe(one.body.id);
      expect((await t.req('GET', `/api/v1/key-problems?task=${taskIds[1]}`, { token: city })).body.total).toBe(1);
      expect((await t.req('POST', '/api/v1/key-problems', { token: city, body: { region: '140200', title: '越权' } })).status).toBe(403);
      expect((await t.req('POST', '/api/v1/key-problems', { token: city, body: { region: '140100', title: '无此隐患', hazards: ['no-such-hazard'] } })).status).toBe(422);
      const closed = await t.req('PATCH', `/api/v1/key-problems/${one.body.id}`, { token: city, body: { version: 1, state: 'resolved', reason: '已联网' } });
      expect(closed.body).toMatchObject({ state: 'resolved', number: '晋-1401-2022-001', version: 2 });
      expect((await t.req('PATCH', `/api/v1/key-problems/${one.body.id}`, { token: city, body: { version: 1, state: 'open' } })).status).toBe(409);
      // A refused creation takes no number: the next one follows on.
      const next = await t.req('POST', '/api/v1/key-problems', { token: city, body: { region: '140100', year: 2022, title: '下一项' } });
      expect(next.body.number).toBe('晋-1401-2022-011');
    });

    it('records pressure measures and ranks cities in the evaluation', async () => {
      const m = await t.req('POST', '/api/v1/pressure-measures', { token: province, body: { kind: 'interview', region: '140200', campaign: campaignId, title: '约谈大同市应急管理局' } });
      expect(m.status).toBe(201);
      const w = await t.req('POST', '/api/v1/pressure-measures', { token: county, body: { kind: 'warning', enterprise: ent.id, title: '警示' } });
      expect(w.body).toMatchObject({ target: 'enterprise', region: '140105' });
      expect((await t.req('GET', '/api/v1/pressure-measures?kind=interview', { token: province })).body.total).toBe(1);
      expect((await t.req('GET', '/api/v1/pressure-measures', { token: county })).body.items.map((x: { kind: string }) => x.kind)).toEqual(['warning']);
      const ev = await t.req('GET', `/api/v1/campaigns/${campaignId}/evaluation?level=city`, { token: province });
      expect(ev.status, JSON.stringify(ev.body)).toBe(200);
      expect(ev.body.items.map((u: { code: string; rank: number; completionRate: number; pressureMeasures: number }) => [u.code, u.rank, u.completionRate, u.pressureMeasures])).toEqual([
        ['140100', 1, 100, 0],
        ['140200', 2, 0, 1],
      ]);
      const counties = await t.req('GET', `/api/v1/campaigns/${campaignId}/evaluation?level=county`, { token: province });
      expect(counties.body.items[0]).toMatchObject({ code: '140105', completed: 1, onTimeRate: 0 });
    });

    it('opens reporting rounds and lists who has not reported', async () => {
      const roundId = uuidv7();
      const r1 = await t.req('POST', `/api/v1/campaigns/${campaignId}/rounds`, { token: province, body: { id: roundId, due: '2099-01-31', title: '第一轮' } });
      expect(r1.status).toBe(201);
      expect(r1.body.round).toBe(1);
      const again = await t.req('POST', `/api/v1/campaigns/${campaignId}/rounds`, { token: province, body: { id: roundId, due: '2099-01-31', title: '第一轮' } });
      expect([again.status, again.body.round]).toEqual([200, 1]);
      expect((await t.req('POST', `/api/v1/campaigns/${campaignId}/rounds`, { token: province, body: { due: '2099-01-01' } })).status).toBe(409);
      const miss = await t.req('GET', `/api/v1/campaigns/${campaignId}/rounds/1/missing`, { token: province });
      expect(miss.status).toBe(200);
      // Datong has not reported; the accepted enterprise's share is no longer expected; Taiyuan and its county never reported themselves.
      expect(miss.body.items.map((x: { region: string }) => x.region).sort()).toEqual(['140100', '140105', '140200']);
      expect((await t.req('GET', `/api/v1/campaigns/${campaignId}/rounds/7/missing`, { token: province })).status).toBe(404);
    });

    it('shows published listed items to anyone without a token, and never an unpublished one', async () => {
      const t3 = taskIds[2]!;
      await t.req('POST', `/api/v1/tasks/${t3}/handle`, { token: province, body: {} });
      await t.req('POST', `/api/v1/tasks/${t3}/complete`, { token: province, body: {} });
      const pub = await t.req('GET', '/api/v1/public/listed-items');
      expect(pub.status).toBe(200);
      expect(pub.body.items.map((x: { id: string }) => x.id)).toEqual([taskIds[0]]);
      const item = pub.body.items[0];
      expect(Object.keys(item).sort()).toEqual(['campaign', 'deadline', 'id', 'listedAt', 'number', 'progress', 'region', 'regionName', 'state', 'stateLabel', 'supervision', 'text'].sort());
      expect(JSON.stringify(pub.body)).not.toMatch(/省督导组|1380000|evidence|by/);
    });

    it('exports the ledger to Excel with Chinese headers', async () => {
      const r = await t.node.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/ledger.xlsx`, headers: { authorization: `Bearer ${province}` } });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('台账')!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '整治任务', '责任单位', '完成时限', '办理状态', '佐证材料', '备注']);
      expect(ws.rowCount).toBe(5);
      expect(String(ws.getRow(3).getCell(6).value)).toContain('全部联网');
      expect((await t.req('GET', `/api/v1/campaigns/${campaignId}/ledger.xlsx`, { token: county })).status).toBe(404);
    });

    it('reminds before a deadline and escalates once overdue, recorded on the record', async () => {
      expect((await t.req('PUT', '/api/v1/campaign-settings', { token: province, body: { remindDays: 1 } })).status).toBe(403);
      expect((await t.req('PUT', '/api/v1/campaign-settings', { token: t.adminToken, body: { remindDays: 1 } })).body).toEqual({ remindDays: 1 });
      const a = await t.req('POST', `/api/v1/tasks/${taskIds[2]}/assign`, { token: province, body: { region: '140200', deadline: '2022-12-31' } });
      const l = t.node.services.campaignLedger.deadlines;
      expect((await l.run(Date.parse('2022-12-29T08:00:00+08:00'))).reminders).toBe(0);
      const first = await l.run(Date.parse('2022-12-30T08:00:00+08:00'));
      expect(first.reminders).toBeGreaterThanOrEqual(1);
      const second = await l.run(Date.parse('2023-01-02T08:00:00+08:00'));
      expect(second.overdue).toBeGreaterThanOrEqual(1);
      const got = await t.req('GET', `/api/v1/assignments/${a.body.id}`, { token: province });
      expect(got.body.escalations.map((e: { kind: string; level: string; region: string }) => [e.kind, e.level, e.region])).toEqual([
        ['reminder', 'city', '140200'],
        ['overdue', 'province', '140000'],
      ]);
      expect(got.body.overdueAt).not.toBeNull();
      expect((await l.run(Date.parse('2023-01-03T08:00:00+08:00'))).overdue).toBe(0);
    });
  });
}
