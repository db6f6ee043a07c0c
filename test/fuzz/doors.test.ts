import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, makeSite } from '../support/factories.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';

/** Inputs tried per property: a few hundred in `npm test`, many more in `npm run soak`. */
const RUNS = Number(process.env.KUANGAN_FUZZ_RUNS ?? 150);
let tried = 0;

/**
 * Bad input at every door: whatever arrives, the node answers with a clear 4xx naming what is wrong
 * (or takes it), never a 5xx, never a crash, and the good readings sent beside bad ones are kept.
 */
describe('bad input at the doors', () => {
  let t: TestNode;
  let site: { code: string };
  let nodeToken: string;
  beforeAll(async () => {
    t = await makeTestNode('sqlite', { level: 'province', region: '140000' });
    const ent = await makeEnterprise(t, t.adminToken);
    site = await makeSite(t, t.adminToken, ent);
    await t.req('POST', `/api/v1/sites/${site.code}/sensors`, { token: t.adminToken, body: { code: 'WL1', kind: 'water_level', expectedIntervalSec: 600, thresholds: { direction: 'above', red: 1e9 } } });
    nodeToken = (await t.req('POST', '/api/v1/network/nodes', { token: t.adminToken, body: { level: 'city', region: '140100' } })).body.token;
  });
  afterAll(async () => {
    console.log(`inputs tried at the doors: ${tried}`);
    await t?.cleanup();
  });

  const raw = (url: string, payload: string | Buffer, token = t.adminToken, type = 'application/json') =>
    t.node.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}`, 'content-type': type } });

  /** A 4xx names what is wrong in the contract's shape. */
  const clearRefusal = (status: number, body: string) => {
    expect(status, body).toBeLessThan(500);
    if (status >= 400) {
      const e = JSON.parse(body).error;
      expect(typeof e.code).toBe('string');
      expect(e.message.length).toBeGreaterThan(3);
    }
  };

  it('telemetry: any JSON gets a clear answer, and good readings beside bad ones are kept', async () => {
    let ts = Date.now() - 30 * 86_400_000;
    const junk = fc.oneof(fc.anything(), fc.record({ site: fc.oneof(fc.string(), fc.constant(site.code)), sensor: fc.oneof(fc.string(), fc.constant('WL1')), ts: fc.oneof(fc.string(), fc.double(), fc.integer()), value: fc.oneof(fc.double(), fc.string(), fc.constant(null)) }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(fc.array(junk, { maxLength: 8 }), fc.integer({ min: 0, max: 3 }), async (bad, good) => {
        tried++;
        const goods = Array.from({ length: good }, () => ({ site: site.code, sensor: 'WL1', ts: (ts += 1000), value: 1 }));
        const readings = [...goods, ...bad];
        const body = JSON.stringify({ readings });
        const r = await raw('/api/v1/telemetry', body);
        clearRefusal(r.statusCode, r.body);
        // A body carrying a prototype key is refused whole as an attack on the parser (400, named); anything
        // else is read, "__proto__" as a value (a sensor's code) included.
        if (/"(__proto__|constructor)":/.test(body)) {
          expect(r.statusCode).toBe(400);
          return;
        }
        expect(r.statusCode).toBe(200);
        const b = JSON.parse(r.body);
        expect(b.accepted + b.duplicates).toBeGreaterThanOrEqual(good);
        for (const rej of b.rejected) expect(rej.reason.length).toBeGreaterThan(3);
      }),
      // Found by a run: a reading naming the sensor "__proto__" is a reading like any other (refused as unknown).
      { numRuns: RUNS, examples: [[[{ sensor: '__proto__' }], 0], [[{ site: site.code, sensor: 'constructor', ts: 1, value: 1 }], 1]] },
    );
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (body) => {
        tried++;
        const r = await raw('/api/v1/telemetry', JSON.stringify(body) ?? 'null');
        clearRefusal(r.statusCode, r.body);
      }),
      { numRuns: RUNS },
    );
  });

  it('sync push: any body from a node gets a clear answer', async () => {
    const item = fc.record({ seq: fc.oneof(fc.integer(), fc.double()), entity: fc.oneof(fc.constantFrom('site', 'enterprise', 'alarm', 'node', 'change', 'sensor'), fc.string()), id: fc.string(), origin: fc.oneof(fc.string(), fc.constant(null)), version: fc.double(), row: fc.dictionary(fc.string(), fc.anything()) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ node: fc.string(), stream: fc.oneof(fc.constantFrom('records', 'alarms', 'readings'), fc.string()), from: fc.integer(), to: fc.integer(), items: fc.array(item, { maxLength: 4 }), readings: fc.array(fc.anything(), { maxLength: 4 }) }, { requiredKeys: [] }),
        async (body) => {
          tried++;
          const r = await raw('/api/v1/sync/push', JSON.stringify(body), nodeToken);
          clearRefusal(r.statusCode, r.body);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses early and clearly: oversized bodies, deep nesting, invalid UTF-8, wrong types', async () => {
    // Nesting deep enough to exhaust a recursive parser or validator: a clear answer, the nested item refused.
    for (const depth of [50_000, 1_000_000]) {
      const deep = '{"readings":[' + '['.repeat(depth) + ']'.repeat(depth) + ']}';
      const d = await raw('/api/v1/telemetry', deep);
      clearRefusal(d.statusCode, d.body);
      if (d.statusCode === 200) expect(JSON.parse(d.body)).toMatchObject({ accepted: 0, rejected: [{ index: 0 }] });
    }

    const utf8 = Buffer.concat([Buffer.from('{"readings":[{"site":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('","sensor":"WL1","ts":1,"value":1}]}')]);
    const u = await raw('/api/v1/telemetry', utf8);
    clearRefusal(u.statusCode, u.body);

    const big = await raw('/api/v1/telemetry', Buffer.alloc(40 * 1024 * 1024, 0x20));
    expect(big.statusCode).toBe(413);
    clearRefusal(big.statusCode, big.body);

    const xml = await raw('/api/v1/telemetry', '<readings/>', t.adminToken, 'application/xml');
    clearRefusal(xml.statusCode, xml.body);
    expect(xml.statusCode).toBe(415);
    tried += 4;
  });

  it('any string in a record field is stored as text, never run, and comes back as it was sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom("x'); DROP TABLE sites;--", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '../../etc/passwd', '%00', '"; SELECT pg_sleep(5);--'), fc.string({ minLength: 1, maxLength: 60 })), async (text) => {
        tried++;
        const name = `矿${text}`.trim().slice(0, 100);
        const r = await t.req('POST', '/api/v1/enterprises', { token: t.adminToken, body: { name, creditCode: undefined } });
        expect(r.status).toBeLessThan(500);
        const s = await t.req('PATCH', `/api/v1/sites/${site.code}`, { token: t.adminToken, body: { version: (await t.req('GET', `/api/v1/sites/${site.code}`, { token: t.adminToken })).body.version, name: name || '矿' } });
        expect(s.status, JSON.stringify(s.body)).toBeLessThan(500);
        if (s.status === 200) expect(s.body.name).toBe(name || '矿');
      }),
      { numRuns: Math.min(RUNS, 60) },
    );
    expect((await t.req('GET', '/api/v1/sites', { token: t.adminToken })).status).toBe(200);
  });
});
