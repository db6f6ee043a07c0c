// The compliance page in a real browser against a real node: findings of a run listed in Chinese with
// their evidence, acknowledged from the table; the rule catalogue with sources and parameters; an
// enterprise account reads its own findings without the buttons.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { bearing, destination } from '../../src/domain/compliance/geodesy.ts';
import { creditCode } from '../support/factories.ts';
import { apiCall } from './api.ts';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium, ensureWebBuilt } from './chromium.ts';

const SHOTS = process.env.KUANGAN_SCREENSHOTS ?? os.tmpdir();
const ADMIN_PASSWORD = 'E2e-admin-pass-5';



describe.skipIf(SKIP_BROWSER_TESTS)('compliance page in a browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let adminToken: string;
  let staffToken: string;

  const call = <T>(method: string, url: string, body?: unknown, token = adminToken) => apiCall<T>(server.url, token, method, url, body);
  async function login(username: string, password: string): Promise<string> {
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return ((await r.json()) as { token: string }).token;
  }
  async function contextFor(token: string): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await c.addInitScript(([tok]) => (localStorage.setItem('kuangan.token', tok!), localStorage.setItem('kuangan.lang', 'zh')), [token]);
    return c;
  }

  beforeAll(async () => {
    requireChromium();
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-e2e-compliance-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: ADMIN_PASSWORD });
    adminToken = await login('admin', ADMIN_PASSWORD);
    const ent = await call<{ id: string }>('POST', '/api/v1/enterprises', { name: '晋南矿业有限公司', creditCode: creditCode(4711, '140105'), region: '140105' });
    await call('POST', '/api/v1/sites', { code: 'TK-HIGH', name: '高坝尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, isNew: true, damHeight: 230, totalStorage: 1200, standardGrade: 1, safetyLicence: 'AQ', status: 'producing' });
    await call('POST', '/api/v1/users', { username: 'staff_cmp', password: 'Passw0rd1', role: 'enterprise_staff', enterprise: ent.id });
    staffToken = await login('staff_cmp', 'Passw0rd1');
    await call('POST', '/api/v1/compliance/run', {});
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the findings, acknowledges one, and shows the rule catalogue', async () => {
    const page = await (await contextFor(adminToken)).newPage();
    await page.goto(`${server.url}/compliance`);
    await page.getByText('新（改、扩）建尾矿库总坝高230米，超过200米').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-compliance-findings.png'), fullPage: true });
    const row = page.locator('tr', { hasText: '总坝高230米' });
    await row.getByRole('button', { name: /^确\s?认$/ }).click();
    await row.getByText('已确认').waitFor();
    await page.getByRole('tab', { name: '规则目录' }).click();
    await page.getByText('one_mine_one_operator', { exact: true }).waitFor();
    await expect(page.locator('.ant-card-head code').count()).resolves.toBe(13);
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-compliance-rules.png'), fullPage: true });
  });

  it('the site page has a compliance tab: an item added to the equipment register is listed and checked', async () => {
    const ent = (await call<{ items: { id: string }[] }>('GET', '/api/v1/enterprises')).items[0]!;
    await call('POST', '/api/v1/sites', { code: 'UG-1', name: '铜矿井', kind: 'underground', region: '140105', enterprise: ent.id, depth: 900, standardGrade: 2, safetyLicence: 'AQ', status: 'producing' });
    const page = await (await contextFor(adminToken)).newPage();
    await page.goto(`${server.url}/sites/UG-1`);
    await page.getByRole('tab', { name: '合规' }).click();
    const form = page.locator('.ant-card', { hasText: '设备台账' });
    await form.getByPlaceholder('设备名称').fill('井下人车');
    await form.locator('.ant-select', { hasText: '类别' }).click();
    await page.locator('.ant-select-item-option', { hasText: '无轨胶轮车' }).click();
    await form.locator('.ant-select', { hasText: '制动器' }).click();
    await page.locator('.ant-select-item-option', { hasText: '干式' }).click();
    await form.getByLabel('人员').check();
    await form.getByRole('button', { name: '登记设备' }).click();
    await form.locator('td', { hasText: '井下人车' }).waitFor();
    const items = await call<{ items: { brakeType: string; carries: string[] }[] }>('GET', '/api/v1/sites/UG-1/equipment');
    expect(items.items).toMatchObject([{ brakeType: 'dry', carries: ['people'] }]);
    await page.locator('.ant-card-head-title', { hasText: /^专家会诊$/ }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-compliance-site.png'), fullPage: true });
  });

  it('the Yellow River map draws the river buffers and the ponds, with layer toggles', async () => {
    const ent = (await call<{ items: { id: string }[] }>('GET', '/api/v1/enterprises')).items[0]!;
    // 2 km east of a straight stretch of the Yellow River's main course: inside the 3 km buffer; 10 km: outside.
    const a: [number, number] = [110.44687, 36.14179];
    const b: [number, number] = [110.49749, 35.9796];
    const mid = destination(a, 9.3, bearing(a, b));
    const at = (km: number) => destination(mid, km, bearing(mid, b) - 90);
    const pond = { kind: 'tailings_pond', region: '140105', enterprise: ent.id, isNew: true, damHeight: 40, totalStorage: 100, standardGrade: 1, safetyLicence: 'AQ', status: 'producing' };
    await call('POST', '/api/v1/sites', { ...pond, code: 'TK-RIVER', name: '沿黄尾矿库', lng: at(2)[0], lat: at(2)[1] });
    await call('POST', '/api/v1/sites', { ...pond, code: 'TK-INLAND', name: '内陆尾矿库', lng: at(10)[0], lat: at(10)[1] });
    await call('POST', '/api/v1/compliance/run', {});
    const layer = await call<{ ponds: { code: string; findings: unknown[] }[] }>('GET', '/api/v1/compliance/rivers/map');
    expect(layer.ponds.find((p) => p.code === 'TK-RIVER')!.findings).toHaveLength(1);
    expect(layer.ponds.find((p) => p.code === 'TK-INLAND')!.findings).toEqual([]);
    const page = await (await contextFor(adminToken)).newPage();
    await page.goto(`${server.url}/compliance?tab=map`);
    const map = page.getByTestId('cmp-river-map');
    await map.getByText('黄河干流 3 km').waitFor();
    await map.getByText('重要支流 1 km').waitFor();
    await map.locator('[data-testid="cmp-river-chart"] canvas').first().waitFor();
    await map.getByText('红色：有黄河岸线距离问题的尾矿库（1 座）；灰色：其他尾矿库（共 2 座）。', { exact: false }).waitFor();
    const box = await map.locator('[data-testid="cmp-river-chart"] canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(300);
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-compliance-river-map.png'), fullPage: true });
    await map.getByLabel('黄河干流 3 km').uncheck();
    await expect(map.getByLabel('黄河干流 3 km').isChecked()).resolves.toBe(false);
  });

  it('an enterprise account reads its own findings without the buttons', async () => {
    const page = await (await contextFor(staffToken)).newPage();
    await page.goto(`${server.url}/compliance`);
    await page.getByText('总坝高230米').waitFor();
    await expect(page.getByRole('button', { name: '立即检查' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^确\s?认$/ }).count()).resolves.toBe(0);
  });
});
