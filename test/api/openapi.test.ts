import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestNode, type TestNode } from '../support/node.ts';

describe('OpenAPI document', () => {
  let t: TestNode;
  beforeAll(async () => {
    t = await makeTestNode('sqlite');
  });
  afterAll(async () => t?.cleanup());

  it('documents every /api/v1 route the node serves', async () => {
    const doc = (await t.req('GET', '/api/v1/openapi.json')).body;
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`);
    }
    const all: string[] = [];
    for (const line of t.node.app.printRoutes({ commonPrefix: false, includeMeta: false }).split('\n')) {
      const m = line.match(/(\/api\/v1\/\S+) \(([A-Z, ]+)\)/);
      if (!m) continue;
      for (const method of m[2]!.split(', ')) {
        if (method === 'HEAD' || m[1] === '/api/v1/openapi.json') continue;
        all.push(`${method} ${m[1]!.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
    expect(all.length).toBeGreaterThan(20);
    const missing = all.filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });
});
