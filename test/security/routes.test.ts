import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { createNode, type Node } from '../../src/node.ts';
import { makeEnterprise, makeUser } from '../support/factories.ts';
import { ADMIN_PASSWORD, makeTestNode, type TestNode } from '../support/node.ts';

/** Authentication decided on the matched route, not on the URL as written. */
describe('route authentication', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
  });
  afterAll(async () => t.cleanup());

  it('does not let a percent-encoded path pass for a public one', async () => {
    for (const url of ['/%61pi/v1/regions', '/%61pi/v1/import/templates/sites.csv', '/%61pi/v1/auth/me', '/api/v1/%72egions', '/%61%70%69/v1/users']) {
      const r = await t.req('GET', url);
      expect(r.status, url).toBe(401);
    }
    const me = await t.req('GET', '/%61pi/v1/auth/me', { token: t.adminToken });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
  });

  it('still answers the public routes and unknown routes without a token', async () => {
    expect((await t.req('GET', '/healthz')).status).toBe(200);
    expect((await t.req('GET', '/api/v1/openapi.json')).status).toBe(200);
    const missing = await t.req('GET', '/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('refuses a sync call from anyone but a child node before reading its body', async () => {
    const huge = { node: 'x', stream: 'records', items: Array.from({ length: 5 }, () => ({ junk: 'y'.repeat(10) })) };
    const push = await t.req('POST', '/api/v1/sync/push', { token: t.adminToken, body: huge });
    expect(push.status).toBe(403);
    const beat = await t.req('POST', '/api/v1/sync/heartbeat', { token: t.adminToken, body: { node: 'n', backlog: 0, backlogAgeSec: 0, sensorsOnline: null, sentAt: Date.now() } });
    expect(beat.status).toBe(403);
    expect((await t.req('GET', '/api/v1/sync/inbox', { token: t.adminToken })).status).toBe(403);
    expect((await t.req('POST', '/api/v1/sync/inbox/ack', { token: t.adminToken, body: { cursor: 0 } })).status).toBe(403);
    // Without a token it is still a 401, not a 403.
    expect((await t.req('GET', '/api/v1/sync/inbox')).status).toBe(401);
  });

  it('accepts a node token on /sync', async () => {
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    const reg = await t.req('POST', '/api/v1/network/nodes', { token: t.adminToken, body: { level: 'enterprise', enterprise: ent.id } });
    expect(reg.status).toBe(201);
    const inbox = await t.req('GET', '/api/v1/sync/inbox', { token: reg.body.token });
    expect(inbox.status).toBe(200);
  });

  it('takes ?access_token= only on the live stream', async () => {
    const r = await t.req('GET', `/api/v1/regions?access_token=${t.adminToken}`);
    expect(r.status).toBe(401);
    const u = await makeUser(t, t.adminToken, { username: 'qtoken_officer', role: 'county_officer', region: '140105' });
    expect((await t.req('GET', `/api/v1/users?access_token=${u.token}`)).status).toBe(401);
  });
});

/** The built web app is served as before, with security headers on every response. */
describe('web app files and security headers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-web-'));
  const webDir = path.join(dir, 'web');
  let node: Node;
  const get = async (url: string, headers: Record<string, string> = {}) => node.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    fs.mkdirSync(path.join(webDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    const config: Config = { ...loadConfig({} as NodeJS.ProcessEnv), dataDir: dir, adminPassword: ADMIN_PASSWORD, logLevel: 'silent' };
    node = await createNode(config, { webDir });
    await node.app.ready();
  });
  afterAll(async () => {
    await node?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the index, its assets and the SPA fallback without a token', async () => {
    expect((await get('/')).statusCode).toBe(200);
    const js = await get('/assets/app.js');
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1)');
    const page = await get('/monitoring/alarms');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="root"');
  });

  it('sends nosniff, a content security policy and frame-ancestors on pages and API answers', async () => {
    for (const url of ['/', '/assets/app.js', '/monitoring/alarms', '/healthz', '/api/v1/regions', '/api/v1/no-such-thing']) {
      const r = await get(url);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp, url).toContain("img-src 'self' data: blob:");
      expect(csp, url).toContain("connect-src 'self'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
    }
  });
});
