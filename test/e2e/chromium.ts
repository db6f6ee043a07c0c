import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Debian's chromium, driven through playwright-core. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests skip only when told to, by name: KUANGAN_SKIP_BROWSER_TESTS=1 (never set by .ci/run).
 * Otherwise a missing Chromium fails them, so that a machine without it cannot pass by skipping.
 */
export const SKIP_BROWSER_TESTS = process.env.KUANGAN_SKIP_BROWSER_TESTS === '1';

export function requireChromium(): string {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does), set CHROMIUM_PATH, or skip on purpose with KUANGAN_SKIP_BROWSER_TESTS=1`);
  }
  return CHROMIUM;
}

/**
 * Builds the web app when there is no build or it is older than its sources: the same script that
 * `npm start` and `npm test` run first (scripts/ensure-web.mjs), so a browser test never serves a stale UI.
 */
export function ensureWebBuilt(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-web.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

/**
 * How long a browser test polls the page for a change to show: Vitest's default (1 s) is shorter
 * than a render on a loaded 2-core machine running two test files at once.
 */
export const UI_WAIT_MS = 10_000;
