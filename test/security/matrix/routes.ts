import type { RouteEntry } from '../../../src/api/app.ts';

/**
 * Which record a path parameter names. The convention, so that a new route maps itself:
 *  - a parameter named after a record (`:site`, `:enterprise`, `:sensor`, `:round`) is that record,
 *    and `:<name>Id` is a `<name>s` record (`:alarmId` → alarms);
 *  - `:id` is a record of the collection segment just before it: `/api/v1/<name>/:id` → a `<name>`
 *    record (`/hazards/:id` → hazards, `/network/nodes/:id` → nodes, `/sites/:site/devices/:id` → devices).
 * The world (world.ts) makes one record of each such collection in each place: the known ones by hand,
 * a new one through its create route (`POST …/<name>`) with a sampled body. A collection it cannot
 * make is unmapped, and the matrix fails naming the route and why until it is made or listed below.
 */
export const PARAM_BY_NAME: Record<string, string> = {
  site: 'sites',
  enterprise: 'enterprises',
  sensor: 'sensors',
  round: 'rounds',
  kind: 'kind',
  file: 'file',
  // A finding of an inspection (/inspections/:id/findings/:finding), not a compliance finding.
  finding: 'inspection-findings',
};

/** Collection segments that name another collection's records. */
export const COLLECTION_ALIASES: Record<string, string> = {
  // A scanned risk card is the risk's own id.
  'risk-cards': 'risks',
  // A site's check plan (排查计划) is named by the site.
  'check-plans': 'sites',
};

/** Parameters that are not placed anywhere: the same value for own and other (an import kind, a template file, a rule, a criterion). */
export const SHARED_KINDS = new Set(['kind', 'file', 'rules', 'criteria']);

/** Routes whose parameters cannot be mapped, with the reason. Empty today; a route listed here is not driven. */
export const UNMAPPED: Record<string, string> = {};

/** Routes driven only for the callers that are refused before the handler runs, with the reason. */
export const REFUSALS_ONLY: Record<string, string> = {
  'GET /api/v1/events':
    'a live stream (Server-Sent Events): for a caller it accepts the answer never ends, so only no token, node and device are driven here; what the stream carries per scope is test/security/streams.test.ts',
};

/** Routes that end the caller's sessions: they run last, one at a time, and the caller logs in again after each cell. */
export const OWN_SESSION = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);

export interface Param {
  name: string;
  kind: string;
  /** Not placed: the same for own and other. */
  shared: boolean;
}

export interface MatrixRoute extends RouteEntry {
  key: string;
  params: Param[];
}

export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** The kind of record a parameter names, by the convention above, or null. */
export function paramKind(url: string, name: string): string | null {
  if (PARAM_BY_NAME[name]) return PARAM_BY_NAME[name]!;
  if (/^[a-z]+Id$/.test(name)) return `${name.slice(0, -2)}s`;
  if (name !== 'id') return null;
  const segments = url.split('/');
  const before = segments[segments.indexOf(':id') - 1];
  return before ? (COLLECTION_ALIASES[before] ?? before) : null;
}

/** Every /api route of the table, its parameters mapped; those that cannot be are returned apart. */
export function matrixRoutes(table: RouteEntry[], known: Set<string>): { routes: MatrixRoute[]; unmapped: { key: string; param: string }[] } {
  const routes: MatrixRoute[] = [];
  const unmapped: { key: string; param: string }[] = [];
  const seen = new Set<string>();
  for (const r of table) {
    const key = routeKey(r);
    if (!r.url.startsWith('/api/') || seen.has(key)) continue;
    seen.add(key);
    if (UNMAPPED[key]) continue;
    const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const params: Param[] = [];
    for (const name of names) {
      const kind = paramKind(r.url, name);
      if (!kind || !known.has(kind)) {
        unmapped.push({ key, param: name });
        break;
      }
      params.push({ name, kind, shared: SHARED_KINDS.has(kind) });
    }
    if (params.length === names.length) routes.push({ ...r, key, params });
  }
  return { routes, unmapped };
}
