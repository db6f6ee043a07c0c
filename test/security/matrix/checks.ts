import { isWithin } from '../../../src/domain/regions/regions.ts';
import type { Cell } from './cells.ts';
import { PLACES, type Place, type Principal, type Records, type World } from './world.ts';

/**
 * What must hold in every cell, whatever the snapshot says. Each returns the cells that break it,
 * described in one line, so that a failure names route, caller and answer.
 */
const line = (c: Cell, why: string) => `${c.route.key} as ${c.principal.label} (${c.scope}: ${c.method} ${c.path}) → ${c.status}: ${why}`;
const ok = (s: number) => s >= 200 && s < 300;

/** The region a user principal is bound to, or null for enterprise roles and the global admin. */
const REGION_OF: Record<string, string> = { regional_admin: PLACES.own, city_officer: '140100', county_officer: PLACES.own, inspector: PLACES.own, expert: PLACES.own };
const ENTERPRISE_ROLES = new Set(['enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff']);

/** Places whose records the principal must never see. */
export function outOfScope(p: Principal): Place[] {
  if (p.global) return [];
  if (ENTERPRISE_ROLES.has(p.label)) return ['other', 'far'];
  const region = REGION_OF[p.label];
  if (!region) return ['own', 'other', 'far'];
  return (Object.keys(PLACES) as Place[]).filter((place) => !isWithin(region, PLACES[place]));
}

/** Record values that name one record only (not region codes, sensor codes or round numbers, alike across places). */
const NOT_IDS = new Set(['regions', 'sensors', 'rounds']);
function idsOf(world: World, places: Place[]): string[] {
  return places.flatMap((p) => Object.entries(world.records[p]).filter(([k, v]) => v && !NOT_IDS.has(k)).map(([, v]) => v));
}

export function authChecks(cells: Cell[]): string[] {
  const bad: string[] = [];
  for (const c of cells) {
    const cfg = c.route.config;
    if (c.principal.kind === 'none' && !cfg.public && c.status !== 401) bad.push(line(c, 'no token must be 401'));
    if (c.principal.kind === 'node' && !cfg.nodeOnly && !cfg.public && c.status !== 403) bad.push(line(c, 'a node token must be refused'));
    if (c.principal.kind === 'device' && !cfg.devices && !cfg.public && c.status !== 403) bad.push(line(c, 'a device token must be refused'));
    if (c.principal.kind === 'user' && cfg.nodeOnly && c.status !== 403) bad.push(line(c, 'only child nodes call this route'));
    if (c.principal.global && !cfg.public && !cfg.nodeOnly && (c.status === 401 || c.status === 403)) bad.push(line(c, 'the global admin is never refused'));
    if (c.status === 0 || c.status >= 500) bad.push(line(c, `no proper answer: ${JSON.stringify(c.response).slice(0, 200)}`));
  }
  return bad;
}

/**
 * A record of another place, named in the path or in the body (the site, enterprise or region a new
 * record is placed at), is never acted on by a principal that does not see everything.
 */
export function otherRecordChecks(cells: Cell[], world: World): string[] {
  const bad: string[] = [];
  for (const c of cells) {
    if (c.scope !== 'other' || c.principal.global || c.route.config.public || !ok(c.status)) continue;
    if (c.route.params.some((p) => !p.shared)) bad.push(line(c, 'a record out of scope named in the path answered with success'));
    // A 2xx that refused every item (readings of an unknown sensor) is a refusal: its outcome says so.
    else if (c.method !== 'GET' && c.outcome === 'allowed' && placedAt(c.body, world.records[c.place])) bad.push(line(c, 'a write placed out of scope answered with success'));
  }
  return bad;
}

/**
 * Out of scope is answered exactly like absent (404 for a record the caller may not see, or the same
 * refusal of the action for both), so that no answer tells a record exists in another place.
 */
export function existenceChecks(cells: Cell[]): string[] {
  return cells
    .filter((c) => c.absentStatus !== undefined && c.absentStatus !== c.status)
    .map((c) => line(c, `a record that does not exist answers ${c.absentStatus}: the difference tells the record exists`));
}

/** Whether a body names the place's site, enterprise or region. */
function placedAt(body: unknown, r: Records): boolean {
  const text = JSON.stringify(body ?? null);
  return [r.sites, r.siteCode, r.enterprises].some((id) => id && text.includes(id)) || new RegExp(`"region":"${r.regions}"`).test(text);
}

/** No answer a non-global principal gets carries a record out of its scope (ids, site codes, tokens), nor list items placed outside it. */
export function leakChecks(cells: Cell[], world: World): string[] {
  const bad: string[] = [];
  const forbidden = new Map<Principal, string[]>();
  for (const c of cells) {
    if (c.principal.global || c.principal.kind !== 'user' || !ok(c.status) || c.route.config.public) continue;
    if (!forbidden.has(c.principal)) forbidden.set(c.principal, idsOf(world, outOfScope(c.principal)));
    const text = typeof c.response === 'string' ? c.response : JSON.stringify(c.response);
    // What the caller named itself may come back (a refused reading quotes its site): that tells it nothing.
    const asked = c.path + JSON.stringify(c.body ?? null);
    const leaked = forbidden.get(c.principal)!.filter((id) => text.includes(id) && !asked.includes(id));
    if (leaked.length) bad.push(line(c, `carries out-of-scope ${leaked.slice(0, 3).join(', ')}`));
    // The answer's own place may echo the place asked about (a report on a region); its items may not lie outside.
    if (typeof c.response !== 'object' || !c.response) continue;
    const top = misplaced(c.principal, c.response, world);
    if (top && !asked.includes(top.split(' ').at(-1)!)) bad.push(line(c, top));
    for (const item of Array.isArray(c.response?.items) ? c.response.items : []) {
      const why = misplaced(c.principal, item, world);
      if (why) bad.push(line(c, why));
    }
  }
  return bad;
}

/** An item placed outside the principal's scope: a region neither within nor above its own, another enterprise. */
function misplaced(p: Principal, item: Record<string, unknown>, world: World): string | null {
  const enterprise = item.enterprise ?? item.enterpriseId;
  if (ENTERPRISE_ROLES.has(p.label)) {
    return typeof enterprise === 'string' && enterprise !== world.records.own.enterprises ? `item of enterprise ${enterprise}` : null;
  }
  const mine = REGION_OF[p.label];
  const region = item.region ?? item.regionCode;
  if (!mine || typeof region !== 'string' || !/^\d{6}$/.test(region)) return null;
  return isWithin(mine, region) || isWithin(region, mine) ? null : `item of region ${region}`;
}

/**
 * The lists the leak checks read are not empty by accident: a collection's list (`GET …/<kind>`) shows
 * the global admin the record of that kind the world made in each place.
 */
export function populatedLists(cells: Cell[], world: World): string[] {
  const bad: string[] = [];
  for (const c of cells) {
    if (!c.principal.global || c.method !== 'GET' || c.route.params.length || !Array.isArray(c.response?.items)) continue;
    const kind = c.route.url.split('/').at(-1)!;
    const id = world.records[c.place][kind];
    if (id && !JSON.stringify(c.response.items).includes(id)) bad.push(line(c, `the list lacks the ${kind} record ${id} of ${c.place}`));
  }
  return bad;
}
