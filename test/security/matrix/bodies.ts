import { creditCode } from '../../support/factories.ts';
import type { Records } from './world.ts';

let seq = 0;

/**
 * Bodies the sampler cannot guess: where a route wants a particular shape for its access check to be
 * reached (a role the caller might grant, readings for the place's site). Keyed by `METHOD url`.
 */
const OVERRIDES: Record<string, (body: any, r: Records, fields: Record<string, unknown>) => unknown> = {
  'POST /api/v1/users': (b, r, f) => ({ username: f.username, password: f.password, role: 'enterprise_staff', enterprise: r.enterprises }),
  'PUT /api/v1/monitoring/threshold-templates': (b) => ({ ...b, red: 100 }),
  'POST /api/v1/enterprises': (b, r) => ({ ...b, name: `矩阵新建矿业${seq}`, creditCode: creditCode(900 + seq++, r.regions), region: r.regions, principal: { name: '赵六', phone: '13800000001' } }),
  'POST /api/v1/sites': (b, r) => ({ ...b, code: `MXNEW${seq++}`, kind: 'tailings_pond', region: r.regions, enterprise: r.enterprises }),
  'POST /api/v1/network/nodes': (_b, r) => ({ level: 'enterprise', enterprise: r.enterprises }),
  // A leader (包保责任人) names the level of government the post belongs to.
  'POST /api/v1/enforcement/responsibility': (b) => ({ ...b, level: 'county' }),
  'POST /api/v1/telemetry': (_b, r) => ({ readings: [{ site: r.siteCode, sensor: 'TM1', ts: Date.now() - 60_000, value: 1 }] }),
};

/** Routes that take raw bytes, not JSON: the payload and its type. */
export const RAW_BODIES: Record<string, { payload: Buffer; type: string }> = {
  'POST /api/v1/files': { payload: Buffer.from('matrix evidence'), type: 'image/png' },
};

export function bodyOverride(key: string, body: unknown, r: Records, fields: Record<string, unknown>): unknown {
  const o = OVERRIDES[key];
  return o ? o(body, r, fields) : body;
}
