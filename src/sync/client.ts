import http from 'node:http';
import https from 'node:https';
import { gzipSync } from 'node:zlib';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Talks to the parent node with this node's token; bodies above a few KB go gzip-compressed. Its own
 * keep-alive agent, destroyed on close, so that no socket outlives the link.
 */
export function createParentClient(upstream: string, token: string) {
  const base = new URL(upstream.replace(/\/+$/, '') + '/');
  const lib = base.protocol === 'https:' ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: 4 });

  function call<T>(method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let payload: Buffer | undefined;
    if (body !== undefined) {
      const json = Buffer.from(JSON.stringify(body));
      headers['content-type'] = 'application/json';
      if (json.length > 4096) {
        payload = gzipSync(json, { level: 1 });
        headers['content-encoding'] = 'gzip';
      } else payload = json;
      headers['content-length'] = String(payload.length);
    }
    const url = new URL(path.replace(/^\//, ''), base);
    return new Promise<T>((resolve, reject) => {
      const req = lib.request(url, { method, headers, agent, signal, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 400) return reject(new HttpError(res.statusCode ?? 0, `${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
          try {
            resolve(JSON.parse(text) as T);
          } catch (err) {
            reject(err);
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
  return {
    post: <T>(path: string, body: unknown, signal?: AbortSignal, timeoutMs = 60_000) => call<T>('POST', path, body, timeoutMs, signal),
    get: <T>(path: string, signal?: AbortSignal, timeoutMs = 60_000) => call<T>('GET', path, undefined, timeoutMs, signal),
    close: () => agent.destroy(),
  };
}
export type ParentClient = ReturnType<typeof createParentClient>;
