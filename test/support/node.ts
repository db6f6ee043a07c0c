import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createNode, type Node } from '../../src/node.ts';
import { createTempPgDatabase } from './pg.ts';
import type { StoreKind } from './stores.ts';

export const ADMIN_PASSWORD = 'Admin12345';

export interface TestNode {
  node: Node;
  /** Sends a request in-process; `token` adds the bearer header. */
  req(method: string, url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  cleanup(): Promise<void>;
}

/** A node on a fresh store (temp SQLite or a throwaway PostgreSQL database), driven through fastify.inject. */
export async function makeTestNode(kind: StoreKind = 'sqlite', overrides: Partial<Config> = {}, now?: () => number): Promise<TestNode> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-node-'));
  const pg = kind === 'postgres' ? await createTempPgDatabase() : null;
  const config: Config = { ...loadConfig({} as NodeJS.ProcessEnv), dataDir: dir, adminPassword: ADMIN_PASSWORD, logLevel: 'silent', databaseUrl: pg?.url, ...overrides };
  const node = await createNode(config, { webDir: path.join(dir, 'no-web'), now });
  await node.app.ready();
  const req: TestNode['req'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const r = await node.app.inject({ method: method as 'GET', url, headers, ...(opts.body !== undefined ? { payload: opts.body as object } : {}) });
    let body: unknown = r.body;
    try {
      body = JSON.parse(r.body);
    } catch {
      /* not JSON */
    }
    return { status: r.statusCode, body, headers: r.headers };
  };
  const login = async (username: string, password: string) => {
    const r = await req('POST', '/api/v1/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);
  return {
    node,
    req,
    login,
    adminToken,
    async cleanup() {
      await node.close();
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
