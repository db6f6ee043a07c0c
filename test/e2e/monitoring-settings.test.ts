// The monitoring settings page in a real browser against a real node: reached from the monitoring
// menu, in Chinese; a value changed, saved, and seen again after a reload and in the change history;
// refused values shown at their fields with the server's message; a change made meanwhile by someone
// else caught by the version; read-only for an officer; English; a phone width.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api.ts';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium, ensureWebBuilt, UI_WAIT_MS } from './chromium.ts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';

const SHOTS = process.env.KUANGAN_SCREENSHOTS ?? os.tmpdir();
const ADMIN_PASSWORD = 'E2e-admin-pass-3';

/** The newest modification time under a directory. */


interface View {
  version: number;
  values: { tenMinuteRetentionDays: number | null; escalation: { responseSec: Record<string, number> }; webhooks: unknown[] };
}

describe.skipIf(SKIP_BROWSER_TESTS)('monitoring settings in a browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let admin: BrowserContext;
  let adminToken: string;
  let countyToken: string;

  const call = <T>(method: string, url: string, body?: unknown, token = adminToken) => apiCall<T>(server.url, token, method, url, body);

  async function login(username: string, password: string): Promise<string> {
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return ((await r.json()) as { token: string }).token;
  }

  /** A browser context signed in with `token`, in `lang`. */
  async function contextFor(token: string, lang: 'zh' | 'en' = 'zh'): Promise<BrowserContext> {
    const c = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
    await c.addInitScript(([tok, l]) => (localStorage.setItem('kuangan.token', tok!), localStorage.setItem('kuangan.lang', l!)), [token, lang]);
    return c;
  }

  beforeAll(async () => {
    requireChromium();
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-e2e-settings-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: ADMIN_PASSWORD });
    adminToken = await login('admin', ADMIN_PASSWORD);
    await call('POST', '/api/v1/users', { username: 'county_e2e', password: 'Passw0rd1', role: 'county_officer', region: '140105' });
    countyToken = await login('county_e2e', 'Passw0rd1');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    admin = await contextFor(adminToken);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const input = (page: Page, id: string) => page.locator(`#settings_${id}`);
  const fieldError = (page: Page, id: string) => page.locator('.ant-form-item', { has: input(page, id) }).locator('.ant-form-item-explain-error');

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(SHOTS, `kuangan-settings-${name}.png`), fullPage: true });
  }

  it('is reached from the monitoring menu, saves a change, and shows it again after a reload and in the history', async () => {
    const page = await admin.newPage();
    await page.goto(`${server.url}/monitoring/overview`);
    await page.getByRole('menuitem', { name: '监测设置' }).click();
    await page.waitForURL('**/monitoring/settings');
    await page.getByTestId('settings-form').waitFor();
    await expect(page.getByTestId('settings-version').textContent()).resolves.toBe('第 0 版');
    await expect(input(page, 'tenMinuteRetentionDays').inputValue()).resolves.toBe('400');
    // Seconds are shown in minutes and days: 15 min to answer a red warning, 7 days to repair.
    await expect(input(page, 'escalation_responseSec_red').inputValue()).resolves.toBe('15');
    await expect(input(page, 'offline_repairOverdueSec').inputValue()).resolves.toBe('7');
    await expect(page.getByText('10 分钟统计数据保存期限').count()).resolves.toBe(1);
    await shot(page, 'desktop');

    await input(page, 'tenMinuteRetentionDays').fill('365');
    await input(page, 'escalation_responseSec_red').fill('10');
    await page.getByTestId('settings-save').click();
    await page.locator('.ant-message').getByText('监测设置已保存（第 1 版）').waitFor();
    const stored = await call<View>('GET', '/api/v1/monitoring/settings');
    expect(stored.version).toBe(1);
    expect(stored.values.tenMinuteRetentionDays).toBe(365);
    expect(stored.values.escalation.responseSec.red).toBe(600);

    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    await expect(input(page, 'tenMinuteRetentionDays').inputValue()).resolves.toBe('365');
    await expect(input(page, 'escalation_responseSec_red').inputValue()).resolves.toBe('10');
    await expect(page.getByTestId('settings-version').textContent()).resolves.toBe('第 1 版');
    const history = page.locator('.ant-list-item').first();
    await history.getByText('10 分钟统计数据保存期限').waitFor();
    await expect(history.textContent()).resolves.toMatch(/400 天.*365 天/);
    await expect(history.textContent()).resolves.toMatch(/红色预警叫应时限.*15 分钟.*10 分钟/);
    await page.close();
  }, 120_000);

  it("shows refused values at their fields with the server's message and keeps the stored ones", async () => {
    const page = await admin.newPage();
    await page.goto(`${server.url}/monitoring/settings`);
    await page.getByTestId('settings-form').waitFor();
    await input(page, 'tenMinuteRetentionDays').fill('0');
    await page.getByRole('button', { name: '添加推送地址' }).click();
    await input(page, 'webhooks_0_url').fill('not-a-url');
    await page.getByTestId('settings-save').click();
    await fieldError(page, 'tenMinuteRetentionDays').getByText('不能小于 1 天').waitFor();
    await expect(fieldError(page, 'webhooks_0_url').textContent()).resolves.toBe('须为完整网址');
    await shot(page, 'refused');
    const stored = await call<View>('GET', '/api/v1/monitoring/settings');
    expect(stored.version).toBe(1);
    expect(stored.values.tenMinuteRetentionDays).toBe(365);
    expect(stored.values.webhooks).toEqual([]);
    // Corrected, the error goes and the change is accepted.
    await input(page, 'tenMinuteRetentionDays').fill('366');
    await fieldError(page, 'tenMinuteRetentionDays').waitFor({ state: 'detached', timeout: 5000 });
    await input(page, 'webhooks_0_url').fill('https://hooks.example.org/kuangan');
    await page.getByTestId('settings-save').click();
    await page.locator('.ant-message').getByText('监测设置已保存（第 2 版）').waitFor();
    expect((await call<View>('GET', '/api/v1/monitoring/settings')).values).toMatchObject({ tenMinuteRetentionDays: 366, webhooks: [{ url: 'https://hooks.example.org/kuangan', minLevel: 'orange' }] });
    await page.close();
  }, 120_000);

  it('refuses to overwrite a change someone else saved meanwhile, and reloads it', async () => {
    const page = await admin.newPage();
    await page.goto(`${server.url}/monitoring/settings`);
    await page.getByTestId('settings-form').waitFor();
    await expect(page.getByTestId('settings-version').textContent()).resolves.toBe('第 2 版');
    await call('PATCH', '/api/v1/monitoring/settings', { tenMinuteRetentionDays: 500, version: 2 });
    await input(page, 'tenMinuteRetentionDays').fill('200');
    await page.getByTestId('settings-save').click();
    const modal = page.locator('.ant-modal-confirm');
    await modal.getByText('监测设置已被他人修改').waitFor();
    await modal.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => input(page, 'tenMinuteRetentionDays').inputValue(), { timeout: UI_WAIT_MS }).toBe('500');
    await expect(page.getByTestId('settings-version').textContent()).resolves.toBe('第 3 版');
    expect((await call<View>('GET', '/api/v1/monitoring/settings')).values.tenMinuteRetentionDays).toBe(500);
    await page.close();
  }, 120_000);

  it('is read-only for an officer, in English too', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const ctx = await contextFor(countyToken, lang);
      const page = await ctx.newPage();
      await page.goto(`${server.url}/monitoring/settings`);
      await page.getByTestId('settings-form').waitFor();
      await expect(page.getByTestId('settings-readonly').textContent()).resolves.toBe(lang === 'zh' ? '您可以查看这些设置；只有系统管理员可以修改。' : 'You can view these settings; only administrators can change them.');
      await expect(input(page, 'tenMinuteRetentionDays').isDisabled()).resolves.toBe(true);
      await expect(input(page, 'tenMinuteRetentionDays').inputValue()).resolves.toBe('500');
      await expect(page.getByTestId('settings-save').count()).resolves.toBe(0);
      if (lang === 'en') await page.getByText('10-minute figures kept for').first().waitFor();
      await shot(page, `readonly-${lang}`);
      await ctx.close();
    }
  }, 120_000);

  it('fits a phone width', async () => {
    const page = await admin.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${server.url}/monitoring/settings`);
    await page.getByTestId('settings-form').waitFor();
    await page.getByTestId('settings-save').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'mobile');
    await page.close();
  }, 60_000);
});
