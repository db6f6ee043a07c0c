// Monitoring in a real browser against a real node: a pond with sensors, readings that open an
// alarm, the region overview, the site's monitoring tab with its charts, the alarm centre (answering
// the call through the UI, a new alarm arriving live), and the network page; desktop and phone widths.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api.ts';
import { CHROMIUM, SKIP_BROWSER_TESTS, requireChromium, ensureWebBuilt } from './chromium.ts';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';

const SHOTS = process.env.KUANGAN_SCREENSHOTS ?? os.tmpdir();
const ADMIN_PASSWORD = 'E2e-admin-pass-2';
const SITE = 'TP-MON-001';


/** A valid unified social credit code (GB 32100-2015) for a given 9-character organisation code. */
function creditCode(org: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const first = `91140100${org}`;
  const sum = [...first].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return first + alphabet[(31 - (sum % 31)) % 31]!;
}

interface Alarm {
  id: string;
  sensor: string | null;
  level: string;
  state: string;
}

describe.skipIf(SKIP_BROWSER_TESTS)('monitoring in a browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let profile: string;
  let context: BrowserContext;
  let token: string;
  let alarm: Alarm;

  const call = <T>(method: string, url: string, body?: unknown) => apiCall<T>(server.url, token, method, url, body);

  const sensor = (code: string, kind: string, thresholds: Record<string, number | string>, position: Record<string, number | string>) =>
    call('POST', `/api/v1/sites/${SITE}/sensors`, { code, kind, expectedIntervalSec: 600, position, thresholds: { minCount: 1, minDurationSec: 0, hysteresis: 0, ...thresholds } });

  beforeAll(async () => {
    requireChromium();
    ensureWebBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-e2e-mon-'));
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-chromium-mon-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminPassword: ADMIN_PASSWORD });
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    token = ((await login.json()) as { token: string }).token;

    const ent = await call<{ id: string }>('POST', '/api/v1/enterprises', { name: '太原恒安矿业有限公司', creditCode: creditCode('MA0KE2E02'), region: '140105' });
    const pond = { kind: 'tailings_pond', region: '140105', enterprise: ent.id, status: 'producing', minerals: ['iron'], damType: 'upstream', damHeight: 45, totalStorage: 800 };
    await call('POST', '/api/v1/sites', { ...pond, code: SITE, name: '恒安一号尾矿库', lng: 112.55, lat: 37.87 });
    // A pond with no sensors: shown as not monitored.
    await call('POST', '/api/v1/sites', { ...pond, code: 'TP-MON-002', name: '恒安二号尾矿库', lng: 113.6, lat: 37.85 });

    await sensor('WL1', 'water_level', { direction: 'above', blue: 101, yellow: 102, orange: 103, red: 104 }, { section: 'A', x: 120, y: 40, elevation: 100 });
    await sensor('WL2', 'water_level', { direction: 'above', blue: 101, yellow: 102, orange: 103, red: 104 }, { section: 'B', x: 260, y: 60, elevation: 100 });
    await sensor('D1', 'surface_displacement', { direction: 'above', blue: 20, yellow: 30, orange: 40, red: 50 }, { section: 'A', x: 150, y: 10, elevation: 120 });
    await sensor('R1', 'rainfall', { direction: 'above', red: 100 }, { x: 60, y: 80 });
    // Its last reading three hours ago, with readings expected every ten minutes: offline.
    await call('POST', '/api/v1/telemetry', { readings: [{ site: SITE, sensor: 'R1', ts: Date.now() - 3 * 3_600_000, value: 0 }] });

    // Six hours of readings every ten minutes; WL1 climbs past orange at the end.
    const now = Date.now();
    const readings: { site: string; sensor: string; ts: number; value: number }[] = [];
    for (let i = 36; i >= 0; i--) {
      const ts = now - i * 600_000;
      readings.push({ site: SITE, sensor: 'WL1', ts, value: i === 0 ? 103.4 : 100 + (36 - i) * 0.05 });
      readings.push({ site: SITE, sensor: 'WL2', ts, value: 99.5 + Math.sin(i / 4) * 0.3 });
      readings.push({ site: SITE, sensor: 'D1', ts, value: 5 + (36 - i) * 0.2 });
    }
    const r = await call<{ accepted: number; rejected: unknown[] }>('POST', '/api/v1/telemetry', { readings });
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(readings.length);
    const alarms = await call<{ items: Alarm[] }>('GET', `/api/v1/alarms?site=${SITE}&state=live`);
    expect(alarms.items.map((a) => [a.sensor, a.level, a.state])).toEqual([['WL1', 'orange', 'open']]);
    alarm = alarms.items[0]!;
    await call('POST', '/api/v1/network/nodes', { level: 'city', region: '140100', name: '太原市节点' });

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 800 },
      locale: 'zh-CN',
    });
    // Logged in as the administrator (the login page itself is covered by browser.test.ts).
    await context.addInitScript((t) => localStorage.setItem('kuangan.token', t), token);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const d of [dataDir, profile]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  async function shot(page: Page, name: string) {
    await page.waitForTimeout(400); // charts animate in
    await page.screenshot({ path: path.join(SHOTS, `kuangan-mon-${name}.png`), fullPage: true });
  }

  it('shows the overview with the pond in orange and the unmonitored pond', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/monitoring/overview`);
    const row = page.getByTestId(`overview-row-${SITE}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('橙色预警');
    await expect(row.textContent()).resolves.toContain('1 / 4'); // R1 never reported
    await expect(page.getByTestId('overview-row-TP-MON-002').textContent()).resolves.toContain('未接入监测');
    await page.getByTestId('overview-map').locator('canvas').first().waitFor();
    await page.locator('[data-testid="live-badge"][data-connected="true"]').waitFor();
    await expect(page.getByTestId('stat-orange').textContent()).resolves.toMatch(/^1/);
    await shot(page, 'overview');
    // The level filter leaves only the orange pond.
    await page.getByTestId('stat-orange').click();
    await page.getByTestId('overview-row-TP-MON-002').waitFor({ state: 'detached' });
    await page.close();
  }, 60_000);

  it("shows the site's monitoring tab with points, items and a chart per sensor", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/sites/${SITE}`);
    await page.getByRole('tab', { name: '在线监测' }).click();
    await page.getByTestId('site-monitoring').waitFor();
    for (const code of ['WL1', 'WL2', 'D1', 'R1']) await page.getByTestId(`sensor-chart-${code}`).waitFor();
    await page.getByTestId('sensor-chart-WL1').locator('canvas').first().waitFor();
    await expect(page.getByTestId('sensor-chart-WL1').textContent()).resolves.toContain('103.4');
    await expect(page.getByTestId('sensor-chart-R1').getByTestId('sensor-offline').count()).resolves.toBe(1);
    await expect(page.getByTestId('site-monitoring').textContent()).resolves.toContain('橙色预警');
    await page.getByTestId('point-plan').locator('canvas').first().waitFor();
    await shot(page, 'site');
    // A week rolls up to 10-minute steps.
    await page.getByTestId('range-picker').getByText('7天').click();
    await page.getByTestId('sensor-chart-WL1').getByText('聚合粒度：10m').waitFor();
    await page.close();
  }, 60_000);

  it('answers the call in the alarm centre and sees a new alarm arrive live', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/monitoring/alarms`);
    const row = page.getByTestId(`alarm-row-${alarm.id}`);
    await row.waitFor();
    await expect(row.getByTestId('alarm-state').textContent()).resolves.toBe('待响应');
    await shot(page, 'alarms');

    await row.getByTestId('act-ack').click();
    await page.getByTestId('action-note').fill('值班员已到现场查看');
    await page.locator('.ant-modal').getByRole('button', { name: '叫应/响应' }).click();
    await row.locator('[data-state="acknowledged"]').waitFor();
    expect((await call<Alarm>('GET', `/api/v1/alarms/${alarm.id}`)).state).toBe('acknowledged');

    // The drawer: history with the note, and the next step the loop allows (研判).
    await row.click();
    const drawer = page.getByTestId('alarm-drawer');
    await drawer.getByText('值班员已到现场查看').waitFor({ timeout: 8000 }).catch(async (e) => {
      await shot(page, 'debug-drawer');
      throw e;
    });
    await expect(drawer.getByTestId('drawer-actions').textContent()).resolves.toMatch(/研\s*判/);
    await shot(page, 'alarm-drawer');
    await page.keyboard.press('Escape');

    // A new alarm opens while the page is open: it appears without a reload.
    await call('POST', '/api/v1/telemetry', { readings: [{ site: SITE, sensor: 'D1', ts: Date.now(), value: 55 }] });
    const red = (await call<{ items: Alarm[] }>('GET', `/api/v1/alarms?site=${SITE}&state=open`)).items.find((a) => a.sensor === 'D1')!;
    expect(red.level).toBe('red');
    await page.getByTestId(`alarm-row-${red.id}`).waitFor({ timeout: 10_000 });
    await page.close();
  }, 60_000);

  it('shows the network page with the registered child node', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/network`);
    await page.getByTestId('network-page').getByText('太原市节点').waitFor();
    await page.getByTestId('network-page').locator('canvas').first().waitFor();
    await shot(page, 'network');
    await page.close();
  }, 60_000);

  it('fits a phone width', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    for (const [url, testId, name] of [
      ['/monitoring/overview', 'overview-card', 'mobile-overview'],
      ['/monitoring/alarms', 'list-card', 'mobile-alarms'],
      ['/network', 'network-page', 'mobile-network'],
    ] as const) {
      await page.goto(server.url + url);
      await page.getByTestId(testId).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await shot(page, name);
    }
    await page.goto(`${server.url}/sites/${SITE}`);
    await page.getByRole('tab', { name: '在线监测' }).click();
    await page.getByTestId('sensor-chart-WL1').locator('canvas').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'mobile-site');
    await page.close();
  }, 90_000);
});
