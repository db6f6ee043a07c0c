import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitoringSettings } from '../../src/services/monitoring/settings.ts';
import type { Principal } from '../../src/domain/access/policy.ts';
import { makeTestNode, type TestNode } from '../support/node.ts';
import { makeEnterprise, makeUser } from '../support/factories.ts';

/**
 * The monitoring settings over HTTP: every refusal names its field, a change sent with a stale version
 * is refused, each accepted change is in the change log, and only administrators change anything.
 */
describe.each(['sqlite', 'postgres'] as const)('monitoring settings (%s)', (kind) => {
  let t: TestNode;
  let county: { token: string };
  let staff: { token: string };
  const clock = Date.UTC(2026, 2, 1, 4);

  beforeAll(async () => {
    t = await makeTestNode(kind, {}, () => clock);
    const ent = await makeEnterprise(t, t.adminToken, { region: '140105' });
    county = await makeUser(t, t.adminToken, { username: 's_county', role: 'county_officer', region: '140105' });
    staff = await makeUser(t, t.adminToken, { username: 's_staff', role: 'enterprise_staff', enterprise: ent.id });
  });
  afterAll(async () => t?.cleanup());

  const get = async (token = t.adminToken) => t.req('GET', '/api/v1/monitoring/settings', { token });
  const patch = async (body: unknown, token = t.adminToken) => t.req('PATCH', '/api/v1/monitoring/settings', { token, body });
  const history = async (token = t.adminToken) => (await t.req('GET', '/api/v1/monitoring/settings/history', { token })).body.items;

  it('starts at the defaults, version 0, with the 10-minute rollups kept 400 days', async () => {
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(0);
    expect(r.body.values.tenMinuteRetentionDays).toBe(400);
    expect(r.body.values.retentionDays).toBeNull();
    expect(r.body.sources.tenMinuteRetentionDays).toEqual({
      source: 'default',
      ref: 'platform default: 400 days, so that a year at 10-minute steps reads from the 10-minute rollups; hourly and daily rollups are kept',
    });
  });

  it('refuses bad values with 422, naming each field and what it must be, and changes nothing', async () => {
    const cases: [unknown, { path: string; message: string }[]][] = [
      [{ tenMinuteRetentionDays: 0 }, [{ path: 'tenMinuteRetentionDays', message: 'must be at least 1 d (不能小于 1 天)' }]],
      [{ tenMinuteRetentionDays: 40_000 }, [{ path: 'tenMinuteRetentionDays', message: 'must be at most 36500 d (不能大于 36500 天)' }]],
      [{ tenMinuteRetentionDays: 1.5 }, [{ path: 'tenMinuteRetentionDays', message: 'must be a whole number (须为整数)' }]],
      [{ tenMinuteRetentionDays: '400' }, [{ path: 'tenMinuteRetentionDays', message: 'must be a number (须为数字)' }]],
      [
        { tenMinuteRetentionDays: 0, offline: { k: 0.5, reminderEverySec: 30 } },
        [
          { path: 'offline.k', message: 'must be at least 1 (不能小于 1)' },
          { path: 'offline.reminderEverySec', message: 'must be at least 60 s (不能小于 60 秒)' },
          { path: 'tenMinuteRetentionDays', message: 'must be at least 1 d (不能小于 1 天)' },
        ],
      ],
      [{ escalation: { responseSec: { blue: 60, yellow: 60, orange: 60, red: 0 } } }, [{ path: 'escalation.responseSec.red', message: 'must be at least 1 s (不能小于 1 秒)' }]],
      [{ tenMinuteRetention: 30 }, [{ path: 'tenMinuteRetention', message: 'unknown setting tenMinuteRetention (没有这一设置项)' }]],
      [{ webhooks: [{ url: 'not a url', minLevel: 'red' }] }, [{ path: 'webhooks.0.url', message: 'must be a full URL such as https://example.org/hook (须为完整网址)' }]],
      [{ sms: { gateway: 'http', minLevel: 'red' } }, [{ path: 'sms.url', message: 'an HTTP gateway needs its URL (请填写短信网关地址)' }]],
      [
        { offline: { floodSeason: { start: { month: 6, day: 1 }, end: { month: 2, day: 30 }, source: 'x', confirmed: false } } },
        [{ path: 'offline.floodSeason.end.day', message: '2/30 is not a date (2 月没有 30 日)' }],
      ],
      [{ escalation: { maxTier: 'nation' } }, [{ path: 'escalation.maxTier', message: 'must be one of enterprise, county, city, province (取值不在允许范围内)' }]],
      [{ version: 'x', retentionDays: 30 }, [{ path: 'version', message: 'must be the whole number read with the settings (版本号无效)' }]],
    ];
    for (const [body, details] of cases) {
      const r = await patch(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.code).toBe('invalid');
      expect(r.body.error.details).toEqual(details);
    }
    const after = await get();
    expect(after.body.version).toBe(0);
    expect(after.body.values.tenMinuteRetentionDays).toBe(400);
    expect(await history()).toEqual([]);
  });

  it('lets only administrators change them; everyone who reads monitoring may read them', async () => {
    for (const u of [county, staff]) {
      expect((await get(u.token)).status).toBe(200);
      const r = await patch({ tenMinuteRetentionDays: 30 }, u.token);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
      expect((await t.req('GET', '/api/v1/monitoring/settings/history', { token: u.token })).status).toBe(200);
    }
    expect((await get()).body.values.tenMinuteRetentionDays).toBe(400);
  });

  it('applies changes with their version, merges a group field by field, and refuses a stale version with 409', async () => {
    let r = await patch({ tenMinuteRetentionDays: 500, version: 0 });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
    expect(r.body.values.tenMinuteRetentionDays).toBe(500);
    expect(r.body.sources.tenMinuteRetentionDays).toEqual({ source: 'settings' });

    expect((await patch({ offline: { k: 4 }, version: 1 })).body.version).toBe(2);
    r = await patch({ offline: { reminderEverySec: 7200 }, version: 2 });
    expect(r.body.version).toBe(3);
    // The second change to the group keeps the first.
    expect(r.body.values.offline).toMatchObject({ k: 4, reminderEverySec: 7200, warningIntervalSec: 1800 });

    r = await patch({ tenMinuteRetentionDays: 450, version: 1 });
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({
      code: 'conflict',
      message: 'The monitoring settings were changed by someone else (version 3, yours 1); reload and retry (设置已被他人修改)',
      details: { currentVersion: 3 },
    });
    expect((await get()).body.values.tenMinuteRetentionDays).toBe(500);

    // Without a version a change applies over whatever is stored; one that changes nothing is not counted.
    expect((await patch({ tenMinuteRetentionDays: null })).body).toMatchObject({ version: 4, values: { tenMinuteRetentionDays: null } });
    expect((await patch({ tenMinuteRetentionDays: null, version: 4 })).body.version).toBe(4);
  });

  it('records every accepted change in the change log, newest first, field by field', async () => {
    const items = await history(county.token);
    expect(items).toEqual([
      { at: clock, user: '系统管理员', userId: expect.any(String), op: 'update', changes: { tenMinuteRetentionDays: { from: 500, to: null } } },
      { at: clock, user: '系统管理员', userId: expect.any(String), op: 'update', changes: { 'offline.reminderEverySec': { from: 14_400, to: 7200 } } },
      { at: clock, user: '系统管理员', userId: expect.any(String), op: 'update', changes: { 'offline.k': { from: 3, to: 4 } } },
      { at: clock, user: '系统管理员', userId: expect.any(String), op: 'update', changes: { tenMinuteRetentionDays: { from: 400, to: 500 } } },
    ]);
    const nodeId = (await t.node.store.db.selectFrom('settings').select('value').where('key', '=', 'node.id').executeTakeFirstOrThrow()).value;
    const origins = await t.node.store.db.selectFrom('change_log').select('origin_node').where('entity', '=', 'settings').execute();
    expect(origins.map((o) => o.origin_node)).toEqual([nodeId, nodeId, nodeId, nodeId]);
  });

  it('keeps the values and the version across a restart', async () => {
    const again = createMonitoringSettings(t.node.store.db, () => clock);
    await again.load();
    const admin: Principal = { kind: 'user', id: 'a', name: 'a', role: 'admin', regionCode: null, enterpriseId: null };
    const v = again.view(admin);
    expect(v.version).toBe(4);
    expect(v.values.tenMinuteRetentionDays).toBeNull();
    expect(v.values.offline.k).toBe(4);
    expect(v.values.offline.reminderEverySec).toBe(7200);
  });
});
