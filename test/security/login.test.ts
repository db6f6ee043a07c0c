import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ADMIN_PASSWORD, makeTestNode, type TestNode } from '../support/node.ts';

/** Guessing a password slows the guesser; it never locks the owner out. */
describe.each(['sqlite', 'postgres'] as const)('login throttling (%s)', (kind) => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode(kind);
  });
  afterAll(async () => t?.cleanup());

  const login = (ip: string, password: string, username = 'admin') =>
    t.node.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password } });

  it('lets the owner in from another address however often someone else guessed', async () => {
    for (let i = 0; i < 8; i++) {
      const r = await login('203.0.113.7', `wrong${i}`);
      expect([401, 429]).toContain(r.statusCode);
    }
    const owner = await login('198.51.100.20', ADMIN_PASSWORD);
    expect(owner.statusCode).toBe(200);
  });

  it('answers 429 with Retry-After to the address that keeps failing', async () => {
    const ip = '203.0.113.8';
    for (let i = 0; i < 3; i++) expect((await login(ip, 'wrong')).statusCode).toBe(401);
    const slowed = await login(ip, ADMIN_PASSWORD);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    expect(JSON.parse(slowed.body).error.code).toBe('rate_limited');
    // The other names from that address are not slowed by these failures.
    expect((await login(ip, 'wrong', 'someone_else')).statusCode).toBe(401);
  });
});

/** The address throttling slows is the connection's, or what a trusted proxy says it is; never what a caller claims. */
describe('the client address behind a proxy', () => {
  const login = (t: TestNode, forwardedFor: string, password: string) =>
    t.node.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': forwardedFor }, payload: { username: 'admin', password } });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const t = await makeTestNode('sqlite');
    try {
      for (let i = 0; i < 3; i++) expect((await login(t, `198.18.0.${i}`, 'wrong')).statusCode).toBe(401);
      // Claiming another address does not escape the slowing.
      expect((await login(t, '198.18.0.99', 'wrong')).statusCode).toBe(429);
    } finally {
      await t.cleanup();
    }
  });

  it('slows the forwarded client, not the proxy, when the proxy is trusted', async () => {
    const t = await makeTestNode('sqlite', { trustProxy: ['127.0.0.1'] });
    try {
      for (let i = 0; i < 3; i++) expect((await login(t, '198.18.1.1', 'wrong')).statusCode).toBe(401);
      expect((await login(t, '198.18.1.1', ADMIN_PASSWORD)).statusCode).toBe(429);
      expect((await login(t, '198.18.1.2', ADMIN_PASSWORD)).statusCode).toBe(200);
    } finally {
      await t.cleanup();
    }
  });

  it('reads the trusted proxies from the environment', () => {
    expect(loadConfig({ KUANGAN_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' } as NodeJS.ProcessEnv).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({} as NodeJS.ProcessEnv).trustProxy).toBeUndefined();
    expect(() => loadConfig({ KUANGAN_TRUST_PROXY: 'everyone' } as NodeJS.ProcessEnv)).toThrow(/KUANGAN_TRUST_PROXY/);
  });
});
