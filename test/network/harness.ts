import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Multi-process network harness: real `kuangan serve` processes on loopback, with faults. */
export const PASSWORD = 'Admin12345';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const HOST = '127.0.0.1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, HOST, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface ProcNode {
  name: string;
  url: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  proc: ChildProcess | null;
  token: string;
  log: string[];
}

export async function startProc(n: ProcNode): Promise<void> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'kuangan.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HOST, PORT: String(n.port), KUANGAN_DATA_DIR: n.dataDir, KUANGAN_ADMIN_PASSWORD: PASSWORD, KUANGAN_LOG_LEVEL: 'warn', ...n.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  n.proc = proc;
  const keep = (d: Buffer) => {
    n.log.push(d.toString());
    if (n.log.length > 200) n.log.shift();
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const end = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${n.name} exited: ${n.log.join('')}`);
    try {
      const r = await fetch(`${n.url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > end) throw new Error(`${n.name} did not start: ${n.log.join('')}`);
    await sleep(100);
  }
  n.token = await login(n);
}

export async function makeProc(name: string, env: Record<string, string>, root: string): Promise<ProcNode> {
  const port = await freePort();
  const dataDir = path.join(root, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const n: ProcNode = { name, url: `http://${HOST}:${port}`, port, dataDir, env, proc: null, token: '', log: [] };
  await startProc(n);
  return n;
}

export async function kill(n: ProcNode, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const p = n.proc;
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve());
    p.kill(signal);
  });
  n.proc = null;
}

export async function call(n: ProcNode, method: string, url: string, body?: unknown, token = n.token) {
  const res = await fetch(n.url + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function login(n: ProcNode): Promise<string> {
  const r = await call(n, 'POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD }, '');
  if (r.status !== 200) throw new Error(`login at ${n.name}: ${r.status}`);
  return r.body.token;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(200);
  }
}

export interface Proxy {
  port: number;
  url: string;
  cutting: { p: number };
  /** Connections cut so far (by the byte odds or by the timer). */
  cuts: () => number;
  /** Of those, cut while a request was waiting for its answer or bytes were moving. */
  midStreamCuts: () => number;
  /** Cuts every open connection every `ms` until the returned function is called. */
  cutEvery(ms: number): () => void;
  dropAll(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a node. While `cutting` is on, each connection is cut after a random number
 * of bytes (mid-request or mid-response) with the given probability; `cutEvery` cuts all open
 * connections on a timer, whatever they carry at that moment.
 */
export function startProxy(target: () => number): Promise<Proxy> {
  const cutting = { p: 0 };
  let cuts = 0;
  let midStream = 0;
  const sockets = new Set<net.Socket>();
  const links = new Set<{ cut(): void }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target(), HOST);
    sockets.add(client).add(upstream);
    const cutAfter = Math.random() < cutting.p ? 50 + Math.floor(Math.random() * 600) : Infinity;
    let seen = 0;
    // A request is open from the client's bytes until the answer's first bytes; bytes seen lately count too.
    let open = false;
    let lastData = 0;
    const link = {
      cut() {
        if (client.destroyed) return;
        cuts++;
        if (open || Date.now() - lastData < 20) midStream++;
        client.destroy();
        upstream.destroy();
      },
    };
    links.add(link);
    const relay = (from: net.Socket, to: net.Socket) =>
      from.on('data', (d: Buffer) => {
        seen += d.length;
        lastData = Date.now();
        open = from === client;
        if (seen > cutAfter) {
          open = true;
          link.cut();
          return;
        }
        to.write(d);
      });
    relay(client, upstream);
    relay(upstream, client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      links.delete(link);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve) => {
    server.listen(0, HOST, () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url: `http://${HOST}:${port}`,
        cutting,
        cuts: () => cuts,
        midStreamCuts: () => midStream,
        cutEvery(ms: number) {
          const timer = setInterval(() => {
            for (const l of [...links]) l.cut();
          }, ms);
          return () => clearInterval(timer);
        },
        /** Drops every open connection, so that clients reconnect (and meet the cutting odds). */
        dropAll: () => {
          for (const s of sockets) s.destroy();
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

export function tempRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-harness-'));
}
