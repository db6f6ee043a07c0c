import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
