import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import type { TestNode } from '../../support/node.ts';
import { RAW_BODIES, bodyOverride } from './bodies.ts';
import { fieldsFor } from './fields.ts';
import { OWN_SESSION, REFUSALS_ONLY, type MatrixRoute } from './routes.ts';
import { PLACING, sample, toJsonSchema } from './sampler.ts';
import type { Place, Principal, Records, World } from './world.ts';

export type Scope = 'own' | 'other';
export type Outcome = 'allowed' | 'denied';

export interface Cell {
  route: MatrixRoute;
  principal: Principal;
  scope: Scope;
  place: Place;
  method: string;
  path: string;
  body: unknown;
  status: number;
  outcome: Outcome;
  response: any;
  ms: number;
  /** For a non-global caller's "other" cell naming a record (in the path, or a site or enterprise in the body): the status when that record does not exist at all. */
  absentStatus?: number;
}

/**
 * Denied: no token (401), refused (403), a record out of scope answered as absent (404), a record named
 * in the body out of scope answered like an unknown one (422 "… in your scope"), or readings all
 * refused because their site or sensor is out of the caller's reach. Anything else got past the checks.
 */
export function outcomeOf(status: number, response: any): Outcome {
  if (status === 401 || status === 403 || status === 404) return 'denied';
  if (status === 422 && JSON.stringify(response?.error?.details ?? '').includes('in your scope')) return 'denied';
  const rejected: { reason?: string }[] | undefined = response?.rejected;
  if (status < 300 && response?.accepted === 0 && rejected?.length && rejected.every((r) => /^unknown /.test(r.reason ?? ''))) return 'denied';
  return 'allowed';
}

let seq = 0;
/** A distinct client address per request, so that per-address rate limits (login) never decide a cell. */
const address = () => {
  const n = ++seq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

function pathOf(route: MatrixRoute, world: World, place: Place): string {
  let path = route.url;
  const params = toJsonSchema(route.schema?.params)?.properties ?? {};
  for (const p of route.params) {
    // A shared parameter the route enumerates (a site kind, an import kind) takes the route's first choice.
    const value = p.shared ? (params[p.name]?.enum?.[0] ?? world.shared[p.kind]) : world.records[place][p.kind];
    path = path.replace(`:${p.name}`, encodeURIComponent(value ?? 'absent'));
  }
  return path;
}

/** The same path with the place's records in it replaced by ids nothing has. */
function absentPath(route: MatrixRoute, world: World, place: Place, path: string): string {
  let out = path;
  for (const p of route.params.filter((p) => !p.shared)) {
    const value = world.records[place][p.kind];
    if (value) out = out.replace(`/${encodeURIComponent(value)}`, `/${p.kind === 'rounds' ? '999' : uuidv7()}`);
  }
  return out;
}

/**
 * The query: required parameters, a limit as high as the route takes, and for the other place a filter
 * on it (site, enterprise or region). The own cell of a read asks without a filter, so that what the
 * caller gets is everything it may see — and must be nothing more.
 */
/** The same body with the place's site and enterprise in it replaced by ids nothing has, or null when it names neither. */
function absentBody(body: unknown, r: Records): unknown {
  let text = JSON.stringify(body);
  const named = [r.sites, r.siteCode, r.enterprises].filter((v): v is string => !!v && text.includes(v));
  if (!named.length) return null;
  for (const v of named) text = text.split(v).join(uuidv7());
  return JSON.parse(text);
}

function queryOf(route: MatrixRoute, fields: Record<string, unknown>, scope: Scope): string {
  const schema = toJsonSchema(route.schema?.querystring);
  if (!schema) return '';
  const q = sample(schema, fields) as Record<string, unknown>;
  if (route.method === 'GET' && scope === 'own') for (const k of PLACING) if (!schema.required?.includes(k)) delete q[k];
  const limit = schema.properties?.limit;
  if (limit) q.limit = Math.min(limit.maximum ?? 1000, 1000);
  const entries = Object.entries(q).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object');
  return entries.length ? '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString() : '';
}

/** The request of one cell: path, query and body aimed at the place's records. */
export function requestOf(route: MatrixRoute, world: World, principal: Principal, scope: Scope) {
  const place: Place = scope === 'own' ? 'own' : principal.other;
  const fields = fieldsFor(world.records[place]);
  const path = pathOf(route, world, place) + queryOf(route, fields, scope);
  const bodySchema = toJsonSchema(route.schema?.body);
  let body = bodySchema ? sample(bodySchema, fields) : undefined;
  body = bodyOverride(route.key, body, world.records[place], fields);
  return { place, method: route.method, path, body };
}

async function inject(t: TestNode, method: string, path: string, token: string | null, body: unknown, key: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const raw = RAW_BODIES[key];
  if (raw) {
    headers['content-type'] = raw.type;
    body = raw.payload;
  }
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([
    t.node.app.inject({ method: method as 'GET', url: path, headers, remoteAddress: address(), ...(body !== undefined ? { payload: body as object } : {}) }),
    new Promise<null>((res) => (timer = setTimeout(() => res(null), 60_000))),
  ]).finally(() => clearTimeout(timer));
  if (!r) return { status: 0, response: 'no answer in 60 s' };
  // JSON parsed and text kept, so that the leak checks read them; of anything else (PDF, workbook) only its type and size.
  const type = String(r.headers['content-type'] ?? '');
  let response: unknown = /^text\/|csv/.test(type) ? r.body : type.includes('spreadsheetml') && r.statusCode < 300 ? await workbookText(r.rawPayload) : `(${type}, ${r.rawPayload.length} bytes)`;
  if (type.includes('json')) {
    try {
      response = JSON.parse(r.body);
    } catch {
      response = r.body;
    }
  }
  return { status: r.statusCode, response };
}

/** Every cell of every sheet of a workbook, as one text, for the leak checks to read. */
async function workbookText(bytes: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const parts: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void parts.push(String(cell.text ?? '')))));
  return `(workbook) ${parts.join(' ')}`;
}

async function login(t: TestNode, principal: Principal): Promise<string> {
  const r = await t.node.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address(), payload: principal.login });
  if (r.statusCode !== 200) throw new Error(`session for ${principal.label}: ${r.statusCode} ${r.body}`);
  return JSON.parse(r.body).token;
}

/**
 * Drives one route for every principal and both scopes, in order (a route's cells may change its
 * records). After a route that ends the caller's sessions the caller logs in again; the password it
 * sets is the one the caller has.
 */
async function routeCells(t: TestNode, world: World, route: MatrixRoute): Promise<Cell[]> {
  const refusalsOnly = REFUSALS_ONLY[route.key] !== undefined;
  const ownSession = OWN_SESSION.has(route.key);
  const one = async (principal: Principal, scope: Scope): Promise<Cell> => {
    const req = requestOf(route, world, principal, scope);
    const session = ownSession && principal.login;
    if (session && req.body && typeof req.body === 'object' && 'password' in req.body) (req.body as { password: string }).password = principal.login!.password;
    const started = performance.now();
    const { status, response } = await inject(t, req.method, req.path, principal.token, req.body, route.key);
    const ms = performance.now() - started;
    if (session) principal.token = await login(t, principal);
    const cell: Cell = { route, principal, scope, ...req, status, outcome: outcomeOf(status, response), response, ms };
    if (scope === 'other' && principal.kind === 'user' && !principal.global && !route.config.public) {
      if (route.params.some((p) => !p.shared)) {
        cell.absentStatus = (await inject(t, req.method, absentPath(route, world, req.place, req.path), principal.token, req.body, route.key)).status;
      } else if (req.method !== 'GET' && req.body !== undefined) {
        const body = absentBody(req.body, world.records[req.place]);
        if (body !== null) cell.absentStatus = (await inject(t, req.method, req.path, principal.token, body, route.key)).status;
      }
    }
    return cell;
  };
  const plan = world.principals.filter((p) => !(refusalsOnly && p.kind === 'user')).flatMap((p) => (['own', 'other'] as const).map((scope) => [p, scope] as const));
  // Reads and public routes change nothing a cell depends on: their cells run at once.
  if ((route.method === 'GET' || route.config.public) && !ownSession) return Promise.all(plan.map(([p, scope]) => one(p, scope)));
  const cells: Cell[] = [];
  for (const [p, scope] of plan) cells.push(await one(p, scope));
  return cells;
}

/**
 * The record a route acts on (the kind of its last parameter), or its collection: routes of one group
 * run one after another, so that two of them never race on the same record (an alarm acknowledged
 * and closed at once answers "changed meanwhile").
 */
function groupOf(r: MatrixRoute): string {
  const last = r.params.at(-1);
  return last && !last.shared ? last.kind : r.url.split('/').slice(0, 4).join('/');
}

/** Every cell of the matrix: a few workers take groups of routes in turn; the routes that end sessions run last, alone. */
export async function runMatrix(t: TestNode, world: World, routes: MatrixRoute[], workers = 6): Promise<Cell[]> {
  const groups = new Map<string, MatrixRoute[]>();
  for (const r of routes) if (!OWN_SESSION.has(r.key)) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
  const queue = [...groups.values()].sort((a, b) => b.length - a.length);
  const out = new Map<MatrixRoute, Cell[]>();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) for (const r of g) out.set(r, await routeCells(t, world, r));
    }),
  );
  for (const r of routes.filter((r) => OWN_SESSION.has(r.key))) out.set(r, await routeCells(t, world, r));
  return routes.flatMap((r) => out.get(r) ?? []);
}
