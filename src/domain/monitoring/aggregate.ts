/**
 * GB 39496-2020 §5.5.4: from points to monitoring items, and from items to the pond.
 *
 * The text: within one item, 4 points at blue make the item yellow, 3 at yellow make it orange, 2 at
 * orange make it red; across items, "4 items at blue count as one item at yellow" (应计为1项黄色预警),
 * and the clause continues the same way (3 yellow items → orange, 2 orange items → red: to confirm);
 * the pond's level is the highest it reaches.
 *
 * Reading adopted (`chain: false`, the default): counted as written. A group (an item, or the pond)
 * is at the highest of its members' own levels, lifted to next(L) for every L with at least N members
 * at L. Promoted equivalents are not counted again: 12 blue points make yellow (not orange), 4 blue +
 * 2 yellow make yellow. Counting "at L" or "at L or above" gives the same answer, because a member
 * above L already holds the group at next(L) or higher.
 *
 * The chained reading (`chain: true`) treats "count as" as an equivalence carried upward (4 blue + 2
 * yellow = 3 yellow = orange; 12 blue = 3 yellow = orange). It is kept as a setting, off by default,
 * for a province that reads the clause that way.
 *
 * Items are §5.5.2's monitoring items (items.ts), not sensor kinds. A point derived from another
 * (freeboard from the water level) is the same measuring point as its source: the two count once,
 * at the higher of their levels, so one high water is neither two points nor two items.
 *
 * Silence is not safety: a point that stopped reporting, or was disabled, is passed with its last
 * confirmed level and marked (`stale`, `disabled`); it counts at that level.
 */
import { Invalid } from '../errors.ts';
import { itemOf, itemOrder } from './items.ts';
import { LEVELS, highestLevel, maxLevel, nextLevel, type Level } from './levels.ts';

/** How many members at a level lift the group one level (red cannot be lifted). */
export interface Promotion {
  blue: number;
  yellow: number;
  orange: number;
  /** Carry promoted equivalents upward (another reading of the clause; off by default). */
  chain: boolean;
}

export interface AggregationPolicy {
  /** Points → item. */
  points: Promotion;
  /** Items → site. */
  items: Promotion;
  /** Where the counts come from, shown beside them. */
  source: string;
  /** Whether the source text has been checked for every count (the items' continuation has not). */
  confirmed: boolean;
}

export const DEFAULT_AGGREGATION: AggregationPolicy = {
  points: { blue: 4, yellow: 3, orange: 2, chain: false },
  items: { blue: 4, yellow: 3, orange: 2, chain: false },
  source: 'GB 39496-2020 §5.5.4：单项内4个测点蓝色→黄色、3个黄色→橙色、2个橙色→红色，按测点本级计数不逐级累加；4项蓝色计为1项黄色，其后3项黄色→橙色、2项橙色→红色（续文待核实）',
  confirmed: false,
};

export interface PointLevel {
  sensor: string;
  kind: string;
  /** The point's current confirmed level; for a silent or disabled point, the last one it had. */
  level: Level | null;
  /** Code of the measured sensor this one is computed from (freeboard from water level). */
  derivedFrom?: string | null;
  /** Stopped reporting: the level is the last confirmed one. */
  stale?: boolean;
  /** Time of its newest reading. */
  lastHeard?: number | null;
  disabled?: boolean;
}

export interface PointStatus {
  sensor: string;
  kind: string;
  level: Level | null;
  derivedFrom: string | null;
  stale: boolean;
  lastHeard: number | null;
  disabled: boolean;
}

export interface ItemStatus {
  /** A §5.5.2 monitoring item (items.ts). */
  item: string;
  level: Level | null;
  points: PointStatus[];
}

/** The shape of GET /sites/{site}/status, less the connectivity (offline.ts). */
export interface SiteLevel {
  level: Level | null;
  items: ItemStatus[];
}

const PROMOTABLE = ['blue', 'yellow', 'orange'] as const;

export function validatePromotion(p: Promotion, path: string): void {
  for (const l of PROMOTABLE) {
    if (!Number.isInteger(p[l]) || p[l] < 1) throw new Invalid(`${path}.${l} must be an integer ≥ 1`, [{ path: `${path}.${l}`, message: 'must be an integer ≥ 1' }]);
  }
}

/** The level of a group (an item, or the site) from its members' levels. */
export function combine(levels: readonly (Level | null)[], p: Promotion): Level | null {
  const counts: Record<Level, number> = { blue: 0, yellow: 0, orange: 0, red: 0 };
  for (const l of levels) if (l) counts[l]++;
  if (p.chain) {
    for (const l of PROMOTABLE) counts[nextLevel(l)] += Math.floor(counts[l] / p[l]);
    return highestLevel(LEVELS.filter((l) => counts[l] > 0));
  }
  let level = highestLevel(levels);
  for (const l of PROMOTABLE) if (counts[l] >= p[l]) level = maxLevel(level, nextLevel(l));
  return level;
}

function present(p: PointLevel): PointStatus {
  return { sensor: p.sensor, kind: p.kind, level: p.level, derivedFrom: p.derivedFrom ?? null, stale: p.stale ?? false, lastHeard: p.lastHeard ?? null, disabled: p.disabled ?? false };
}

/**
 * The levels of an item's measuring points: a derived point joins its source when the source is in
 * the item, and the pair counts once at the higher level.
 */
export function measuringPointLevels(points: readonly PointStatus[]): (Level | null)[] {
  const codes = new Set(points.map((p) => p.sensor));
  const byRoot = new Map<string, Level | null>();
  for (const p of points) {
    const root = p.derivedFrom && codes.has(p.derivedFrom) ? p.derivedFrom : p.sensor;
    byRoot.set(root, maxLevel(byRoot.get(root) ?? null, p.level));
  }
  return [...byRoot.values()];
}

/**
 * Points → items → site. Every item with at least one point appears, in §5.5.2's order, its points in
 * input order. A derived point is filed under its source's item.
 */
export function aggregateSite(points: readonly PointLevel[], policy: AggregationPolicy = DEFAULT_AGGREGATION): SiteLevel {
  validatePromotion(policy.points, 'points');
  validatePromotion(policy.items, 'items');
  const kindOf = new Map(points.map((p) => [p.sensor, p.kind]));
  const byItem = new Map<string, PointStatus[]>();
  for (const p of points) {
    const source = p.derivedFrom ? kindOf.get(p.derivedFrom) : undefined;
    const item = itemOf(source ?? p.kind);
    const list = byItem.get(item) ?? [];
    list.push(present(p));
    byItem.set(item, list);
  }
  const items: ItemStatus[] = [...byItem.entries()]
    .sort(([a], [b]) => itemOrder(a) - itemOrder(b) || a.localeCompare(b))
    .map(([item, pts]) => ({ item, level: combine(measuringPointLevels(pts), policy.points), points: pts }));
  return { level: combine(items.map((i) => i.level), policy.items), items };
}

/** GET /sites/{site}/status: the aggregated level, the codes of offline sensors, and whether the whole station is silent. */
export interface SiteStatus extends SiteLevel {
  offline: string[];
  /** Every sensor of the site is silent (数据中断): the level shown is the last one known. */
  dataInterrupted: boolean;
}

/**
 * The site's status; points listed in `offline` are marked stale and keep the level they carry, so the
 * pond's level never falls because its data stopped.
 */
export function siteStatus(points: readonly PointLevel[], offline: readonly string[], policy: AggregationPolicy = DEFAULT_AGGREGATION, dataInterrupted = false): SiteStatus {
  const off = new Set(offline);
  const marked = off.size ? points.map((p) => (off.has(p.sensor) ? { ...p, stale: true } : p)) : points;
  return { ...aggregateSite(marked, policy), offline: [...offline], dataInterrupted };
}
