// An inspection on a phone (390×844) in a real browser against a real node: the inspector chooses the
// site, records a finding and completes the inspection; the enterprise's principal then finds the
// hazard the finding opened in the enterprise's own ledger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { creditCode } from '../support/factories.ts';
import { apiCall } from './api.ts';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium, ensureWebBuilt, UI_WAIT_MS } from './chromium.ts';

const SHOTS = process.env.KUANGAN_SCREENSHOTS ?? os.tmpdir();
const ADMIN_PASSWORD = 'E2e-admin-pass-7';
const FINDING = '尾矿库排洪井盖板破损，未及时修复';



describe.skipIf(SKIP_BROWSER_TESTS)('an inspection on a phone in a browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let adminToken: string;
  let inspectorToken: string;
  let principalToken: string;
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

  beforeAll(async () => {
    requireChromium();
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-e2e-enforcement-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: ADMIN_PASSWORD });
    adminToken = await login('admin', ADMIN_PASSWORD);
    const ent = await call<{ id: string }>('POST', '/api/v1/enterprises', { name: '晋中执法矿业有限公司', creditCode: creditCode(5151, '140105'), region: '140105' });
    site = await call<{ id: string }>('POST', '/api/v1/sites', { code: 'TK-ENF-1', name: '西山尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id, damType: 'upstream', damHeight: 40, totalStorage: 800, status: 'producing' });
    await call('POST', '/api/v1/users', { username: 'inspector_enf', password: 'Passw0rd1', role: 'inspector', region: '140105' });
    await call('POST', '/api/v1/users', { username: 'principal_enf', password: 'Passw0rd1', role: 'enterprise_principal', enterprise: ent.id });
    inspectorToken = await login('inspector_enf', 'Passw0rd1');
    principalToken = await login('principal_enf', 'Passw0rd1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("inspects on a phone, and the finding's hazard is in the enterprise's ledger", { timeout: 120_000 }, async () => {
    const page = await (await phoneFor(inspectorToken)).newPage();
    await page.goto(`${server.url}/enforcement/inspections`);
    await page.getByTestId('inspection-new').click();
    await page.getByTestId('inspection-start').waitFor();
    await page.locator('.ant-select').first().click();
    await page.getByTitle('西山尾矿库（TK-ENF-1）').click();
    await page.getByText('专项/突击检查').click();
    await page.getByTestId('inspection-begin').click();
    await page.getByTestId('inspection-on-site').waitFor();
    await page.getByTestId('finding-description').fill(FINDING);
    await page.getByTestId('finding-deadline').fill('2027-03-31');
    await page.getByTestId('finding-add').click();
    await page.getByTestId('finding-hazard').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-inspection-phone.png'), fullPage: true });
    // Nothing on the phone form is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('inspection-complete').click();
    await expect.poll(() => page.getByTestId('inspection-state').textContent(), { timeout: UI_WAIT_MS }).toBe('已完成');

    const inspections = await call<{ items: { id: string; state: string; recordNumber: string | null }[] }>('GET', `/api/v1/inspections?site=${site.id}`);
    expect(inspections.items).toHaveLength(1);
    expect(inspections.items[0]!.state).toBe('completed');
    const hazards = await call<{ items: { description: string; source: string; sourceRef: string }[] }>('GET', `/api/v1/hazards?site=${site.id}`, undefined, principalToken);
    expect(hazards.items).toMatchObject([{ description: FINDING, source: 'inspection', sourceRef: inspections.items[0]!.id }]);

    const ledger = await (await phoneFor(principalToken)).newPage();
    await ledger.goto(`${server.url}/hazards`);
    await ledger.getByTestId('hazard-ledger').waitFor();
    await ledger.getByText(FINDING).first().waitFor();
    await ledger.screenshot({ path: path.join(SHOTS, 'kuangan-inspection-hazard-ledger.png'), fullPage: true });
  });
});
