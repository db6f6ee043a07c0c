// The web app under the Content-Security-Policy the node sends: pages with antd, charts and the base
// map render with no violation reported by the browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium } from '../e2e/chromium.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

describe.skipIf(SKIP_BROWSER_TESTS)('web app under its content security policy', () => {
  let server: RunningServer;
  let dataDir: string;
  let profile: string;
  let context: BrowserContext;
  let token = '';

  beforeAll(async () => {
    requireChromium();
    const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-web.mjs')], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('web build failed');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-csp-'));
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-chromium-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: 'Csp-admin-pass-1' });
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Csp-admin-pass-1' }) });
    token = ((await r.json()) as { token: string }).token;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 800 },
      locale: 'zh-CN',
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const d of [dataDir, profile]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('renders the overview map, the network page and a form with no CSP violation', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|unsafe-eval|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript((t) => {
      localStorage.setItem('kuangan.token', t);
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI}`));
    }, token);
    const res = await page.goto(`${server.url}/monitoring/overview`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/network`);
    await page.locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/monitoring/settings`);
    await page.locator('form, .ant-form').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
    await page.close();
  }, 120_000);
});
