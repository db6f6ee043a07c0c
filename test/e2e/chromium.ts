import fs from 'node:fs';

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
