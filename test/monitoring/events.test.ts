import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { creditCode } from '../support/factories.ts';

/** The SSE stream over a real connection: an alarm reaches a caller who may see it, not one who may not. */
describe('live alarm stream', () => {
  let s: RunningServer;
  let dir: string;
  const call = async (method: string, url: string, token?: string, body?: unknown) => {
    const r = await fetch(s.url + url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-sse-'));
    s = await startServer({ dataDir: dir, adminPassword: 'Admin12345', logLevel: 'silent', webDir: path.join(dir, 'none') });
  });
  afterAll(async () => {
    await s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a new alarm to the region that sees it, within the stream', async () => {
    const admin = (await call('POST', '/api/v1/auth/login', undefined, { username: 'admin', password: 'Admin12345' })).body.token as string;
    const ent = (await call('POST', '/api/v1/enterprises', admin, { name: '推送矿业有限公司', creditCode: creditCode(424242), region: '140105' })).body;
    const site = (await call('POST', '/api/v1/sites', admin, { code: `SSE${Date.now() % 100000}`, name: '推送尾矿库', kind: 'tailings_pond', region: '140105', enterprise: ent.id })).body;
    await call('POST', `/api/v1/sites/${site.code}/sensors`, admin, { code: 'WL', kind: 'water_level', thresholds: { direction: 'above', red: 100 } });
    await call('POST', '/api/v1/users', admin, { username: 'sse_other', password: 'Passw0rd1', role: 'county_officer', region: '140106' });
    const other = (await call('POST', '/api/v1/auth/login', undefined, { username: 'sse_other', password: 'Passw0rd1' })).body.token as string;

    const read = async (token: string) => {
      const ctl = new AbortController();
      const res = await fetch(`${s.url}/api/v1/events?access_token=${token}`, { signal: ctl.signal });
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      const done = (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            text += new TextDecoder().decode(value);
          }
        } catch {
          /* aborted */
        }
      })();
      return { text: () => text, stop: async () => (ctl.abort(), await done) };
    };
    const mine = await read(admin);
    const theirs = await read(other);
    const r = await call('POST', '/api/v1/telemetry', admin, { readings: [{ site: site.code, sensor: 'WL', ts: Date.now() - 1000, value: 101 }] });
    expect(r.body.accepted).toBe(1);
    for (let i = 0; i < 50 && !mine.text().includes('event: alarm'); i++) await new Promise((x) => setTimeout(x, 20));
    await mine.stop();
    await theirs.stop();
    const data = JSON.parse(mine.text().split('\n').find((l) => l.startsWith('data: '))!.slice(6));
    expect(data).toMatchObject({ site: site.code, sensor: 'WL', kind: 'threshold', level: 'red', state: 'open' });
    expect(theirs.text()).not.toContain('event: alarm');
  });
});
