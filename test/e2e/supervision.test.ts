// The supervising level's pages on a phone (390×844) in a real browser against a real node: a county
// officer logs in, overrides an enterprise's supervision class with a reason, generates the county's
// enforcement plan and sees its visits, and approves a monitoring change request the enterprise made
// through the API; each result is then read back through the API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { creditCode } from '../support/factories.ts';
import { apiCall } from './api.ts';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium, ensureWebBuilt } from './chromium.ts';

const SHOTS = process.env.KUANGAN_SCREENSHOTS ?? os.tmpdir();
const ADMIN_PASSWORD = 'E2e-admin-pass-7';
const ENTERPRISE = '晋源分类矿业有限公司';
const SITE = '晋源尾矿库';
const REASON = '近一年发生两次溃坝险情，提级监管';



interface ClassItem {
  enterprise: string;
  class: string;
  computedClass: string;
  override: { class: string; reason: string; by: string | null } | null;
  history?: { action: string; reason: string | null; to: string | null }[];
}

describe.skipIf(SKIP_BROWSER_TESTS)('supervision classes, enforcement plans and change requests on a phone', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminToken: string;
  let officerToken: string;
  let principalToken: string;
  let ent: { id: string };
  let site: { id: string; code: string };

  const call = <T>(method: string, url: string, body?: unknown, token = adminToken) => apiCall<T>(server.url, token, method, url, body);
  async function login(username: string, password: string): Promise<string> {
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return ((await r.json()) as { token: string }).token;
  }
  /** Nothing on the page is wider than the phone's screen. */
  const fitsPhone = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  beforeAll(async () => {
    requireChromium();
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-e2e-supervision-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: ADMIN_PASSWORD });
    adminToken = await login('admin', ADMIN_PASSWORD);
    ent = await call<{ id: string }>('POST', '/api/v1/enterprises', { name: ENTERPRISE, creditCode: creditCode(6161, '140110'), region: '140110' });
    site = await call<{ id: string; code: string }>('POST', '/api/v1/sites', { code: 'TK-SUP-1', name: SITE, kind: 'tailings_pond', region: '140110', enterprise: ent.id, damType: 'upstream', damHeight: 40, totalStorage: 800, status: 'producing' });
    await call('POST', '/api/v1/users', { username: 'officer_sup', password: 'Passw0rd1', role: 'county_officer', region: '140110' });
    await call('POST', '/api/v1/users', { username: 'principal_sup', password: 'Passw0rd1', role: 'enterprise_principal', enterprise: ent.id });
    officerToken = await login('officer_sup', 'Passw0rd1');
    principalToken = await login('principal_sup', 'Passw0rd1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await context.addInitScript(() => localStorage.setItem('kuangan.lang', 'zh'));
    page = await context.newPage();
    // The officer logs in through the login page.
    await page.goto(`${server.url}/login`);
    await page.getByPlaceholder('用户名').fill('officer_sup');
    await page.getByPlaceholder('密码').fill('Passw0rd1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('user-menu').waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('overrides a supervision class with a reason, and the override is on record', { timeout: 60_000 }, async () => {
    const before = await call<{ items: ClassItem[] }>('GET', `/api/v1/enforcement/classes?enterprise=${ent.id}`, undefined, officerToken);
    const target = before.items[0]!.computedClass === 'D' ? 'C' : 'D';
    await page.goto(`${server.url}/enforcement/classes`);
    const row = page.locator('.ant-table-row', { hasText: ENTERPRISE });
    await row.waitFor();
    // The factors open under the row.
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('class-factors').first().waitFor();
    await fitsPhone();
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-supervision-classes-phone.png'), fullPage: true });
    await row.getByTestId('class-open').click();
    const drawer = page.getByTestId('class-drawer');
    await drawer.waitFor();
    await expect(drawer.getByText('暂无调整记录').count()).resolves.toBe(1);
    // The reason is required.
    await drawer.getByTestId('override-submit').click();
    await drawer.getByText('请填写调整理由').waitFor();
    await drawer.locator('.ant-select').click();
    await page.getByTitle(`${target} 类`).click();
    await drawer.getByTestId('override-reason').fill(REASON);
    await drawer.getByTestId('override-submit').click();
    await drawer.getByTestId('override-history').getByText(REASON).waitFor();
    await expect(drawer.getByTestId('drawer-class').textContent()).resolves.toBe(`${target} 类`);
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-supervision-class-phone.png'), fullPage: true });

    const after = await call<{ items: ClassItem[] }>('GET', `/api/v1/enforcement/classes?enterprise=${ent.id}`, undefined, officerToken);
    expect(after.items[0]).toMatchObject({ class: target, override: { class: target, reason: REASON, by: 'officer_sup' } });
    expect(after.items[0]!.history).toMatchObject([{ action: 'override', reason: REASON, to: target }]);
  });

  it('generates the county plan and shows its visits', { timeout: 60_000 }, async () => {
    await page.goto(`${server.url}/enforcement/plans?region=140110`);
    await page.getByText('该区划暂无执法计划').waitFor();
    await page.getByTestId('plan-generate').click();
    await page.getByTestId('plan-generate-ok').click();
    const visit = page.locator('.ant-table-row', { hasText: SITE }).first();
    await visit.waitFor();
    await expect(visit.getByTestId('visit-kind').textContent()).resolves.toContain('计划检查');
    await fitsPhone();
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-supervision-plan-phone.png'), fullPage: true });

    const plans = await call<{ items: { id: string; region: string; year: number; quarter: number | null }[]; total: number }>('GET', '/api/v1/enforcement/plans?region=140110', undefined, officerToken);
    expect(plans.total).toBe(1);
    expect(plans.items[0]).toMatchObject({ region: '140110', year: new Date(Date.now() + 8 * 3600_000).getUTCFullYear(), quarter: null });
    const plan = await call<{ visits: { site: string; kind: string }[] }>('GET', `/api/v1/enforcement/plans/${plans.items[0]!.id}`, undefined, officerToken);
    expect(plan.visits.length).toBeGreaterThan(0);
    expect(plan.visits.every((v) => v.site === site.id)).toBe(true);
    const shown = await page.locator('.ant-table-row', { hasText: SITE }).count();
    expect(shown).toBe(Math.min(plan.visits.length, 20));

    // The blind-spot report: nothing inspected the pond this quarter.
    await page.getByRole('tab', { name: '监管盲区' }).click();
    await page.getByTestId('blind-summary').getByText('1 处未检查').waitFor();
  });

  it("approves the enterprise's request to loosen a threshold, and the sensor takes it", { timeout: 60_000 }, async () => {
    const sensor = await call<{ id: string; thresholds: { red: number }; version: number }>('POST', `/api/v1/sites/${site.code}/sensors`, { code: 'FB1', kind: 'freeboard', expectedIntervalSec: 600 });
    const looser = Math.round((sensor.thresholds.red - 0.2) * 100) / 100;
    const asked = await call<{ changeRequest: { id: string; state: string } }>('PATCH', `/api/v1/sites/${site.code}/sensors/FB1`, { version: sensor.version, thresholds: { red: looser } }, principalToken);
    expect(asked.changeRequest.state).toBe('pending');

    await page.goto(`${server.url}/monitoring/change-requests`);
    // On a phone each request is a card, its decision in reach.
    const row = page.getByTestId('cr-item').filter({ hasText: 'FB1' });
    await row.waitFor();
    await expect(row.getByTestId('cr-change').textContent()).resolves.toContain(`红色阈值 ${sensor.thresholds.red} → ${looser}`);
    await expect(row.getByTestId('cr-requested').textContent()).resolves.toContain('principal_sup');
    await fitsPhone();
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-supervision-change-requests-phone.png'), fullPage: true });
    await row.getByTestId('cr-approve').click();
    await page.getByTestId('cr-approve-ok').click();
    // Decided, it leaves the pending list.
    await page.getByText('暂无变更申请').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'kuangan-supervision-change-request-phone.png'), fullPage: true });

    const decided = await call<{ state: string; decidedBy: string }>('GET', `/api/v1/monitoring/change-requests/${asked.changeRequest.id}`, undefined, principalToken);
    expect(decided).toMatchObject({ state: 'approved', decidedBy: 'officer_sup' });
    const now = await call<{ thresholds: { red: number } }>('GET', `/api/v1/sites/${site.code}/sensors/FB1`);
    expect(now.thresholds.red).toBe(looser);

    // The enterprise sees its own request and the decision, with nothing to decide itself.
    const own = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await own.addInitScript(([tok]) => (localStorage.setItem('kuangan.token', tok!), localStorage.setItem('kuangan.lang', 'zh')), [principalToken]);
    const mine = await own.newPage();
    await mine.goto(`${server.url}/monitoring/change-requests?state=all`);
    const card = mine.getByTestId('cr-item').filter({ hasText: 'FB1' });
    await card.waitFor();
    await expect(card.getByTestId('cr-state').textContent()).resolves.toContain('已批准');
    await expect(mine.getByTestId('cr-approve').count()).resolves.toBe(0);
    await own.close();
  });
});
