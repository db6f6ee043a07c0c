import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTempPgDatabase } from '../support/pg.ts';

/** A live alarm stream ends when the session behind it ends, whichever way it ends. */
describe.each(['sqlite', 'postgres'] as const)('live streams follow their session (%s)', (kind) => {
  let s: RunningServer;
  let dir: string;
  let pg: Awaited<ReturnType<typeof createTempPgDatabase>> | null = null;
  let admin = '';
  const call = async (method: string, url: string, token?: string, body?: unknown) => {
    const r = await fetch(s.url + url, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };
  const login = async (username: string, password = 'Passw0rd1') => (await call('POST', '/api/v1/auth/login', undefined, { username, password })).body.token as string;
  let n = 0;
  const officer = async () => {
    const username = `stream_${kind}_${n++}`;
    const u = await call('POST', '/api/v1/users', admin, { username, password: 'Passw0rd1', role: 'county_officer', region: '140105' });
    expect(u.status).toBe(201);
    return { id: u.body.id as string, username, token: await login(username) };
  };

  /** Opens the stream; `ended` resolves when the server closes it. */
  const open = async (token: string) => {
    const ctl = new AbortController();
    const res = await fetch(`${s.url}/api/v1/events?access_token=${token}`, { signal: ctl.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const ended = (async () => {
      try {
        for (;;) if ((await reader.read()).done) return 'ended';
      } catch {
        return 'aborted';
      }
    })();
    const endedWithin = (ms: number) => Promise.race([ended, new Promise((r) => setTimeout(() => r('still open'), ms))]);
    return { endedWithin, stop: () => ctl.abort() };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-streams-'));
    pg = kind === 'postgres' ? await createTempPgDatabase() : null;
    // Heartbeats every second: a session that ends without an event closes its stream within one.
    s = await startServer({ dataDir: dir, adminPassword: 'Admin12345', logLevel: 'silent', webDir: path.join(dir, 'none'), databaseUrl: pg?.url, streamHeartbeatSec: 1 });
    admin = await login('admin', 'Admin12345');
  });
  afterAll(async () => {
    await s?.close();
    await pg?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends at logout, leaving the same user’s other session streaming', async () => {
    const u = await officer();
    const other = await login(u.username);
    const a = await open(u.token);
    const b = await open(other);
    expect((await call('POST', '/api/v1/auth/logout', u.token)).status).toBe(200);
    expect(await a.endedWithin(2000)).toBe('ended');
    expect(await b.endedWithin(300)).toBe('still open');
    b.stop();
  });

  it('ends when the account is disabled', async () => {
    const u = await officer();
    const a = await open(u.token);
    expect((await call('POST', `/api/v1/users/${u.id}/disable`, admin)).status).toBe(200);
    expect(await a.endedWithin(2000)).toBe('ended');
  });

  it('ends when the password is changed', async () => {
    const u = await officer();
    const a = await open(u.token);
    // A stolen session alone cannot change the password: the current one is asked for.
    expect((await call('POST', '/api/v1/auth/password', u.token, { currentPassword: 'wrong-one', password: 'NewPassw0rd2' })).status).toBe(422);
    expect((await call('POST', '/api/v1/auth/password', u.token, { currentPassword: 'Passw0rd1', password: 'NewPassw0rd2' })).status).toBe(200);
    expect(await a.endedWithin(2000)).toBe('ended');
  });

  it('ends at the next heartbeat when the session ended without an event (expired, revoked elsewhere)', async () => {
    const u = await officer();
    const a = await open(u.token);
    await s.node.store.db.updateTable('sessions').set({ expires_at: Date.now() - 1 }).where('user_id', '=', u.id).execute();
    expect(await a.endedWithin(3_000)).toBe('ended');
  });
});
