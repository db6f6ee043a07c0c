// The web app in a real browser against a real node: log in, the frame in Chinese, the site list,
// a site's detail with its grade, the English switch, and the phone-width layout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium, ensureWebBuilt, UI_WAIT_MS } from './chromium.ts';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { MENU, type MenuEntry } from '../../web/src/lib/menu.ts';

const SHOTS = process.env.KUANGAN_SCREENSHOTS ?? os.tmpdir();
const ADMIN_PASSWORD = 'E2e-admin-pass-1';


/** A valid unified social credit code (GB 32100-2015) for a given 9-character organisation code. */
function creditCode(org: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first = `91140100${org}`;
  const sum = [...first].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return first + alphabet[(31 - (sum % 31)) % 31]!;
}

/** Paths of the menu whose pages are not built yet. */
function notReadyPaths(): string[] {
  const out: string[] = [];
  const walk = (entries: MenuEntry[]) => {
    for (const e of entries) {
      if (e.path && !e.ready) out.push(e.path);
      if (e.children) walk(e.children);
    }
  };
  walk(MENU);
  return out;
}

describe.skipIf(SKIP_BROWSER_TESTS)('web app in a browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let profile: string;
  let context: BrowserContext;
  let siteName: string;
  let adminToken: string;

  async function call<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(server.url + url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  }

  beforeAll(async () => {
    requireChromium();
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-e2e-'));
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-chromium-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: ADMIN_PASSWORD });

    const { token } = await call<{ token: string }>('POST', '/api/v1/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD });
    adminToken = token;
    const ent = await call<{ id: string }>('POST', '/api/v1/enterprises', token, {
      name: '太原恒安矿业有限公司',
      creditCode: creditCode('MA0KE2E01'),
      region: '140105',
      principal: { name: '王建国', phone: '13900000001' },
    });
    siteName = '恒安一号尾矿库';
    await call('POST', '/api/v1/sites', token, {
      code: 'TP-E2E-001',
      name: siteName,
      kind: 'tailings_pond',
      region: '140105',
      enterprise: ent.id,
      status: 'producing',
      minerals: ['iron'],
      damType: 'upstream',
      damHeight: 45,
      totalStorage: 800,
    });

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 800 },
      locale: 'zh-CN',
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const d of [dataDir, profile]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(SHOTS, `kuangan-${name}.png`), fullPage: true });
  }

  it('logs in, shows a site with its grade, and switches to English', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/sites`);
    // Not logged in: the login page, in Chinese.
    await page.getByText('用户登录').waitFor();
    await expect(page.getByText('矿安 · 非煤矿山安全监管平台').count()).resolves.toBe(1);
    await shot(page, 'login');

    await page.getByPlaceholder('用户名').fill('admin');
    await page.getByPlaceholder('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();

    await page.getByPlaceholder('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();

    // The frame, in Chinese: every capability has its place in the menu.
    const menu = page.locator('.ant-layout-sider .ant-menu-root');
    await menu.getByText('企业与矿山').waitFor();
    for (const label of ['总览', '在线监测', '联网运行', '双重预防', '监管执法', '专项整治', '合规检查', '系统管理']) {
      await expect(menu.getByText(label, { exact: true }).count()).resolves.toBeGreaterThan(0);
    }
    await page.getByTestId('node-title').waitFor();
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('系统管理员');

    // The site list, reached from the menu after the login redirect.
    await menu.getByText('矿山与尾矿库', { exact: true }).click();
    await page.waitForURL(/\/sites$/);
    const row = page.locator('.ant-table-row', { hasText: siteName });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('尾矿库');
    await expect(row.textContent()).resolves.toContain('生产');
    await shot(page, 'sites-zh');

    // The detail page: name, the derived grade and how it was derived.
    await row.click();
    await page.waitForURL(/\/sites\/TP-E2E-001$/);
    await expect(page.getByTestId('site-name').textContent()).resolves.toBe(siteName);
    const grade = page.getByTestId('site-grade');
    await grade.waitFor();
    const gradeText = (await grade.textContent()) ?? '';
    expect(gradeText).toMatch(/[一二三四五]等/);
    expect(gradeText).toContain('如何得出');
    await expect(page.getByText('筑坝方式').count()).resolves.toBe(1);
    await shot(page, 'site-zh');

    // English, and it sticks across a reload.
    await page.getByTestId('lang-switch').click();
    await page.getByText('How it was derived').waitFor();
    await expect(page.getByTestId('site-grade').textContent()).resolves.toMatch(/Grade [1-5]/);
    await expect(page.getByText('Dam type', { exact: true }).count()).resolves.toBe(1);
    await expect(menu.getByText('Enterprises & mines').count()).resolves.toBe(1);
    await page.reload();
    await page.getByText('How it was derived').waitFor();
    await shot(page, 'site-en');

    // Back to Chinese for the next test.
    await page.getByTestId('lang-switch').click();
    await page.getByText('如何得出').waitFor();
    await page.close();
  }, 120_000);

  it('collapses the menu into a drawer at a phone width', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${server.url}/sites`);
    // At a phone's width the list turns into cards.
    await page.getByTestId('list-card').filter({ hasText: siteName }).waitFor();
    // No side menu taking the screen: only the toggle.
    await expect(page.locator('.ant-layout-sider').count()).resolves.toBe(0);
    await expect(page.getByTestId('menu-toggle').isVisible()).resolves.toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await shot(page, 'mobile-sites');

    await page.getByTestId('menu-toggle').click();
    const drawer = page.locator('.ant-drawer .ant-menu-root');
    await drawer.getByText('企业与矿山').waitFor();
    await page.waitForTimeout(500); // let the drawer finish sliding in before the picture
    await shot(page, 'mobile-drawer');
    await drawer.getByText('总览', { exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('canvas').first().waitFor();
    await shot(page, 'mobile-home');
    await page.goto(`${server.url}/sites/TP-E2E-001`);
    await page.getByTestId('site-grade').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'mobile-site');
    await page.close();
  }, 60_000);

  it('renders every registry page and a placeholder for capabilities not built yet', async () => {
    const page = await context.newPage();
    const pages: [string, string, string][] = [
      ['/', '安全监管总览', 'home'],
      ['/enterprises', '太原恒安矿业有限公司', 'enterprises'],
      ['/regions', '太原市', 'regions'],
      ['/import', '下载导入模板', 'import'],
      ['/users', 'admin', 'users'],
      // A capability still on its way shows the placeholder (whichever the menu still marks as not ready).
      ...notReadyPaths().slice(0, 1).map((p): [string, string, string] => [p, '该功能尚未上线', 'not-available']),
    ];
    for (const [url, text, name] of pages) {
      await page.goto(server.url + url);
      await page.getByText(text, { exact: false }).first().waitFor();
      await page.waitForTimeout(300);
      await shot(page, name);
    }
    // The dashboard counts come from the lists: one enterprise, one tailings pond.
    await page.goto(server.url + '/');
    const card = page.locator('.ant-card', { hasText: '尾矿库' }).locator('.ant-statistic-content-value').first();
    await expect.poll(() => card.textContent(), { timeout: UI_WAIT_MS }).toBe('1');
    await page.locator('canvas').first().waitFor();
    await shot(page, 'home');

    // The enterprise's detail lists its site.
    await page.goto(server.url + '/enterprises');
    await page.locator('.ant-table-row', { hasText: '太原恒安矿业有限公司' }).click();
    await page.getByRole('tab', { name: '所属矿山与尾矿库' }).click();
    await page.locator('.ant-table-row', { hasText: siteName }).waitFor();
    await shot(page, 'enterprise');

    // A refused form: the server's field problem lands on the field it names.
    await page.goto(server.url + '/enterprises');
    await page.getByRole('button', { name: '新建企业' }).click();
    const form = page.getByTestId('enterprise-form');
    await form.locator('#name').fill('晋中测试矿业有限公司');
    await form.locator('#creditCode').fill('91140100MA0KE2E010');
    await form.locator('#region').click();
    await form.locator('#region').fill('小店');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '小店区' }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const explain = form.locator('#creditCode_help');
    await explain.waitFor();
    await expect(explain.textContent()).resolves.toMatch(/check character|校验码/);
    await shot(page, 'enterprise-form-error');
    await page.close();
  }, 90_000);

  it('tells the user when someone else changed the record being edited', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/sites/TP-E2E-001`);
    await page.getByTestId('site-name').waitFor();
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const form = page.getByTestId('site-form');
    await form.locator('#miningMethod').fill('尾砂湿排');
    // Meanwhile, another user saves the same site.
    const current = await call<{ version: number }>('GET', '/api/v1/sites/TP-E2E-001', adminToken);
    await call('PATCH', '/api/v1/sites/TP-E2E-001', adminToken, { version: current.version, crestElevation: 1250 });
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-modal-confirm-title').getByText('该记录已被他人修改，请刷新后重新编辑。').waitFor();
    await shot(page, 'conflict');
    await page.getByRole('button', { name: '重新加载' }).click();
    // The page now shows the other user's change, and the history lists it.
    await page.getByText('1,250').first().waitFor();
    await page.getByRole('tab', { name: '变更记录' }).click();
    await page.getByRole('cell', { name: '1250', exact: true }).waitFor();
    await shot(page, 'history');
    await page.close();
  }, 60_000);

  it('imports a CSV and lists the rows it refused', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/import`);
    const csv = [
      '企业名称,统一社会信用代码,行政区划代码,地址,主要负责人,主要负责人电话,安全管理人员,安全管理人员电话',
      `阳泉新兴矿业有限公司,${creditCode('MA0KE2E02')},140302,,,,,`,
      '坏数据公司,123,999999,,,,,',
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: '企业.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByText('成功导入 1 条').waitFor();
    const bad = page.locator('.ant-table-row', { hasText: '3' });
    await expect.poll(() => bad.count(), { timeout: UI_WAIT_MS }).toBeGreaterThan(0);
    await expect(bad.first().textContent()).resolves.toContain('统一社会信用代码');
    await shot(page, 'import-result');
    await page.close();
  }, 60_000);
});
