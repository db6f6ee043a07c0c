// The hazard loop on a phone (390×844) in a real browser against a real node: the enterprise's safety
// officer registers a major hazard, sets its rectification plan with the plan fields a major hazard
// needs, reports the rectification with a photo as evidence; another person verifies and closes it;
// a county officer lists it for supervision and accepts its close-out; the ledger shows it closed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { creditCode } from '../support/factories.ts';
import { apiCall } from './api.ts';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium, ensureWebBuilt, UI_WAIT_MS } from './chromium.ts';

const SHOTS = process.env.KUANGAN_SCREENSHOTS ?? os.tmpdir();
const ADMIN_PASSWORD = 'E2e-admin-pass-7';
const HAZARD = '尾矿坝下游坡局部渗水，浸润线抬高';



type Hazard = { id: string; state: string; supervision: { order: string; body: string } | null; supervisionAcceptance: { note: string | null } | null; grade: string; plan: Record<string, unknown> | null; rectification: { note: string; photos: string[] } | null; verifiedByName: string | null; closedAt: number | null };

describe.skipIf(SKIP_BROWSER_TESTS)('the hazard loop on a phone in a browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let adminToken: string;
  let safetyToken: string;
  let principalToken: string;
  let officerToken: string;
  let site: { id: string };

  const call = <T>(method: string, url: string, body?: unknown, token = adminToken) => apiCall<T>(server.url, token, method, url, body);
  async function login(username: string, password: string): Promise<string> {
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return ((await r.json()) as { token: string }).token;
  }
  async function phoneFor(token: string): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await c.addInitScript(([tok]) => (localStorage.setItem('kuangan.token', tok!), localStorage.setItem('kuangan.lang', 'zh')), [token]);
    return c;
  }
  const dialog = (page: Page) => page.getByRole('dialog').filter({ visible: true }).last();
  /** Opens the hazard's drawer, takes one step of the loop through its form, and waits for the new state. */
  async function act(page: Page, id: string, action: string, fill: (d: ReturnType<typeof dialog>) => Promise<void>, state: string, done: (h: Hazard) => unknown = (h) => h.state === state) {
    await page.goto(`${server.url}/hazards?id=${id}`);
    await page.getByTestId(`hz-act-${action}`).click();
    const d = dialog(page);
    await d.waitFor();
    await fill(d);
    await d.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(async () => !!done(await call<Hazard>('GET', `/api/v1/hazards/${id}`)), { timeout: 15_000 }).toBe(true);
  }

  beforeAll(async () => {
    requireChromium();
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-e2e-dualprev-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: ADMIN_PASSWORD });
    adminToken = await login('admin', ADMIN_PASSWORD);
    const ent = await call<{ id: string }>('POST', '/api/v1/enterprises', { name: '晋中双控矿业有限公司', creditCode: creditCode(5252, '140105'), region: '140105' });
    site = await call<{ id: string }>('POST', '/api/v1/sites', { code: 'TK-DP-1', name: '东山尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 40, totalStorage: 800, status: 'producing' });
    await call('POST', '/api/v1/users', { username: 'safety_dp', password: 'Passw0rd1', role: 'enterprise_safety_officer', enterprise: ent.id });
    await call('POST', '/api/v1/users', { username: 'principal_dp', password: 'Passw0rd1', role: 'enterprise_principal', enterprise: ent.id });
    safetyToken = await login('safety_dp', 'Passw0rd1');
    principalToken = await login('principal_dp', 'Passw0rd1');
    await call('POST', '/api/v1/users', { username: 'officer_dp', password: 'Passw0rd1', role: 'county_officer', region: '140105' });
    officerToken = await login('officer_dp', 'Passw0rd1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers, plans, rectifies with a photo, is verified and closed by another person, and the ledger shows it closed', { timeout: 150_000 }, async () => {
    const page = await (await phoneFor(safetyToken)).newPage();
    await page.goto(`${server.url}/hazards`);
    await page.getByTestId('hazard-report').click();
    const report = dialog(page);
    await report.waitFor();
    await report.getByLabel('矿山/尾矿库').click();
    await page.getByTitle('东山尾矿库（TK-DP-1）').click();
    await report.getByLabel('隐患描述').fill(HAZARD);
    await report.getByText('重大隐患').click();
    await report.getByLabel('整改期限').fill('2027-06-30');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await report.locator('.ant-modal-footer .ant-btn-primary').click();
    const id = await expect
      .poll(async () => (await call<{ items: Hazard[] }>('GET', `/api/v1/hazards?site=${site.id}`)).items[0]?.id, { timeout: 15_000 })
      .toBeTruthy()
      .then(async () => (await call<{ items: Hazard[] }>('GET', `/api/v1/hazards?site=${site.id}`)).items[0]!.id);
    expect((await call<Hazard>('GET', `/api/v1/hazards/${id}`)).grade).toBe('major');

    // A major hazard's plan names its measures, funds, people, deadline and interim safety measures.
    await act(page, id, 'plan', async (d) => {
      await d.getByLabel('整改措施').fill('下游坡增设排渗盲沟，降低浸润线');
      await d.getByLabel('治理目标').fill('浸润线埋深恢复到控制值以上');
      await d.getByLabel('整改资金（元）').fill('350000');
      await d.getByLabel('责任人员').fill('王建国（尾矿车间）');
      await d.getByLabel('整改期限').fill('2027-05-31');
      await d.getByLabel('整改期间安全防范措施').fill('加密浸润线观测，每日巡坝两次');
    }, 'planned');
    const planned = await call<Hazard>('GET', `/api/v1/hazards/${id}`);
    expect(planned.plan).toMatchObject({ measures: '下游坡增设排渗盲沟，降低浸润线', funds: 350000, people: '王建国（尾矿车间）', interimMeasures: '加密浸润线观测，每日巡坝两次' });

    // The county's officer lists it for supervision (挂牌督办) with the order's text.
    const officer = await (await phoneFor(officerToken)).newPage();
    await act(officer, id, 'supervise', async (d) => {
      await d.getByLabel('督办要求').fill('县级挂牌督办：按方案限期整改');
      await d.getByLabel('督办单位').fill('小店区应急管理局');
    }, 'planned', (h) => h.supervision);
    expect((await call<Hazard>('GET', `/api/v1/hazards/${id}`)).supervision).toMatchObject({ order: '县级挂牌督办：按方案限期整改', body: '小店区应急管理局' });

    // The rectification, with a photo taken on the spot as its evidence.
    await act(page, id, 'rectify', async (d) => {
      await d.getByLabel('整改情况说明').fill('盲沟已建成，浸润线埋深 6.2 m');
      await d.locator('input[type=file]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('整改后照片')]) });
      await d.locator('.ant-tag').first().waitFor();
    }, 'rectified');
    expect((await call<Hazard>('GET', `/api/v1/hazards/${id}`)).rectification?.photos).toHaveLength(1);
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-hazard-rectified-phone.png'), fullPage: true });

    // Another person verifies and closes it.
    const other = await (await phoneFor(principalToken)).newPage();
    await act(other, id, 'verify', async (d) => d.getByLabel('验收意见').fill('现场复核，盲沟排渗正常'), 'verified');
    await act(other, id, 'close', async () => {}, 'closed');
    const closed = await call<Hazard>('GET', `/api/v1/hazards/${id}`);
    expect(closed.verifiedByName).toBeTruthy();
    expect(closed.closedAt).toEqual(expect.any(Number));

    // The officer accepts the close-out of the listed hazard.
    await act(officer, id, 'accept', async (d) => d.getByLabel('验收意见').fill('同意摘牌'), 'closed', (h) => h.supervisionAcceptance);
    expect((await call<Hazard>('GET', `/api/v1/hazards/${id}`)).supervisionAcceptance).toMatchObject({ note: '同意摘牌' });

    // The ledger shows it closed.
    await other.goto(`${server.url}/hazards?state=closed`);
    await other.getByTestId('hazard-ledger').waitFor();
    const card = other.locator('.ant-card, .ant-list-item').filter({ hasText: HAZARD }).first();
    await card.waitFor();
    expect(await card.textContent()).toContain('已销号');
    await other.screenshot({ path: path.join(SHOTS, 'kuangan-hazard-ledger-closed-phone.png'), fullPage: true });

    // The ledger, as filtered, downloads as a workbook.
    const [download] = await Promise.all([other.waitForEvent('download'), other.getByTestId('hazards-export').click()]);
    expect(download.suggestedFilename()).toBe('隐患台账.xlsx');
    expect(fs.statSync(await download.path()).size).toBeGreaterThan(1000);
  });

  it('completes a check on a phone: an item not ok registers a hazard linked to the check', { timeout: 90_000 }, async () => {
    await call('POST', '/api/v1/risks', { site: site.id, name: '尾矿坝渗流', method: 'LS', L: 3, S: 3, department: '尾矿车间', measures: [{ kind: 'management', text: '每周测量浸润线' }], checkItems: ['坝面有无渗水'] }, safetyToken);
    const plan = await call<{ items: { frequency: string }[] }>('GET', `/api/v1/check-plans/${site.id}`, undefined, safetyToken);
    const check = await call<{ id: string; frequency: string; items: { key: string }[] }>('POST', '/api/v1/checks', { site: site.id, frequency: plan.items[0]!.frequency }, safetyToken);
    expect(check.items).toHaveLength(2);
    const page = await (await phoneFor(safetyToken)).newPage();
    await page.goto(`${server.url}/hazards`);
    await page.getByTestId('checks-open').click();
    await page.getByTestId('check-site').click();
    await page.getByTitle('东山尾矿库（TK-DP-1）').click();
    await page.getByRole('button', { name: '完成排查' }).first().click();
    await page.getByText('不合格').nth(1).click();
    await page.getByText('登记为隐患').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-check-phone.png'), fullPage: true });
    await page.getByRole('button', { name: '完成排查' }).last().click();
    const done = await expect
      .poll(async () => (await call<{ state: string }>('GET', `/api/v1/checks/${check.id}`, undefined, safetyToken)).state, { timeout: 15_000 })
      .toBe('done')
      .then(() => call<{ results: { result: string; hazard: string | null }[] }>('GET', `/api/v1/checks/${check.id}`, undefined, safetyToken));
    expect(done.results.map((r) => r.result)).toEqual(['ok', 'not_ok']);
    const hazard = await call<{ source: string; sourceRef: string }>('GET', `/api/v1/hazards/${done.results[1]!.hazard}`, undefined, safetyToken);
    expect(hazard).toMatchObject({ source: 'check', sourceRef: check.id });
  });

  it('draws an area on the site plan and shows the four-colour risk map on a phone', { timeout: 90_000 }, async () => {
    await call('POST', '/api/v1/risks', { site: site.id, name: '坝体滑坡', area: '尾矿坝', method: 'LS', L: 4, S: 5 }, safetyToken);
    await call('POST', '/api/v1/risks', { site: site.id, name: '排洪井堵塞', area: '排洪系统', method: 'LS', L: 1, S: 2 }, safetyToken);
    const up = await fetch(`${server.url}/api/v1/files?site=${site.id}&name=plan.png`, { method: 'POST', headers: { authorization: `Bearer ${safetyToken}`, 'content-type': 'image/png' }, body: new Uint8Array(png(400, 300)) });
    const file = ((await up.json()) as { id: string }).id;
    await call('PUT', `/api/v1/sites/${site.id}/risk-map`, { file, width: 400, height: 300, areas: [{ area: '尾矿坝', polygon: [[20, 20], [200, 20], [200, 150], [20, 150]] }] }, safetyToken);

    const page = await (await phoneFor(safetyToken)).newPage();
    await page.goto(`${server.url}/risks`);
    await page.getByTestId('risk-map-open').click();
    await page.locator('.ant-drawer .ant-select').first().click();
    await page.getByTitle('东山尾矿库（TK-DP-1）').click();
    const map = page.getByTestId('risk-map');
    await map.waitFor();
    expect(await map.locator('polygon').getAttribute('data-level')).toBe('major');
    // Draw the flood system's area with three taps on the plan.
    await page.locator('.ant-drawer .ant-select').nth(1).click();
    await page.getByTitle('排洪系统').click();
    const box = (await map.boundingBox())!;
    for (const [fx, fy] of [[0.6, 0.6], [0.9, 0.6], [0.75, 0.9]]) await page.mouse.click(box.x + box.width * fx!, box.y + box.height * fy!);
    await page.getByRole('button', { name: '保存区域' }).click();
    await expect.poll(async () => (await call<{ areas: { area: string; level: string | null }[] }>('GET', `/api/v1/sites/${site.id}/risk-map`, undefined, safetyToken)).areas.map((a) => [a.area, a.level])).toEqual([
      ['尾矿坝', 'major'],
      ['排洪系统', 'low'],
    ]);
    await expect.poll(() => map.locator('polygon').count(), { timeout: UI_WAIT_MS }).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-risk-map-phone.png'), fullPage: true });
  });
});

/** A plain white PNG of the given size, for a plan image the browser can draw. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xff)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
