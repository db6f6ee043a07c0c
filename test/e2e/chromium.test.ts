import { afterEach, describe, expect, it, vi } from 'vitest';

/** A machine without Chromium fails the browser tests; only the named variable skips them. */
describe('browser test guard', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('fails with an explanation when Chromium is missing', async () => {
    vi.stubEnv('CHROMIUM_PATH', '/nonexistent/chromium');
    vi.stubEnv('KUANGAN_SKIP_BROWSER_TESTS', '');
    const m = await import('./chromium.ts');
    expect(m.SKIP_BROWSER_TESTS).toBe(false);
    expect(() => m.requireChromium()).toThrow(/Chromium not found at \/nonexistent\/chromium/);
  });

  it('skips only when KUANGAN_SKIP_BROWSER_TESTS=1, which CI never sets', async () => {
    vi.stubEnv('KUANGAN_SKIP_BROWSER_TESTS', '1');
    expect((await import('./chromium.ts')).SKIP_BROWSER_TESTS).toBe(true);
    const fs = await import('node:fs');
    expect(fs.readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')).not.toMatch(/KUANGAN_SKIP_BROWSER_TESTS=1/);
  });
});
