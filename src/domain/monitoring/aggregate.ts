/**
 * GB 39496-2020 §5.5.4: from points to monitoring items, and from items to the pond.
 *
 * The text (as far as the published excerpt goes): within one item, 4 points at blue make the item
 * yellow, 3 at yellow make it orange, 2 at orange make it red; across items, "4 items at blue count as
 * one item at yellow" and so on (3 yellow → orange, 2 orange → red: the continuation is to confirm);
 * the pond's level is the highest it reaches.
 *
 * Reading adopted here (`chain: true`, the default): "count as" is an equivalence. N members at a
 * level are worth one member at the next level, and those equivalents count with the real ones, from
 * blue upwards: 4 blue + 2 yellow items = 3 yellow = orange. Members are counted at their own level
 * only — a yellow point is not also one of the "4 at blue" (it already counts for more by itself, and
 * counting it twice would let 2 blue + 2 yellow reach orange).
 *
 * The stricter reading (`chain: false`) only promotes on real members: the level is the highest of
 * the highest member and next(L) for every L with at least N members at L or above. (With that
 * reading "at L" and "at L or above" give the same answer, because any member above L already lifts
 * the level to at least next(L).) It is kept as configuration for a province that reads it that way.
 * Chaining warns earlier, which is the safe side while the full text is unconfirmed.
 */
import { Invalid } from '../errors.ts';
import { LEVELS, highestLevel, levelRank, maxLevel, nextLevel, type Level } from './levels.ts';
import { SENSOR_KINDS } from './sensor-kinds.ts';

/** How many members at a level lift the group one level (red cannot be lifted). */
export interface Promotion {
  blue: number;
  yellow: number;
  orange: number;
  chain: boolean;
}

export interface AggregationPolicy {
  /** Points → item. */
  points: Promotion;
  /** Items → site. */
  items: Promotion;
}

export const DEFAULT_AGGREGATION: AggregationPolicy = {
  points: { blue: 4, yellow: 3, orange: 2, chain: true },
  items: { blue: 4, yellow: 3, orange: 2, chain: true },
};

export interface PointLevel {
  sensor: string;
  kind: string;
  level: Level | null;
}

export interface ItemStatus {
  kind: string;
  level: Level | null;
  points: { sensor: string; level: Level | null }[];
}

/** The shape of GET /sites/{site}/status, less `offline` (offline.ts). */
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
  for (const l of PROMOTABLE) {
    const atOrAbove = LEVELS.filter((x) => levelRank(x) >= levelRank(l)).reduce((s, x) => s + counts[x], 0);
    if (atOrAbove >= p[l]) level = maxLevel(level, nextLevel(l));
  }
  return level;
}

function kindOrder(kind: string): number {
  const i = (SENSOR_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? SENSOR_KINDS.length : i;
}

/**
 * Points → items → site. Every kind with at least one point appears as an item, in catalogue order,
 * its points in input order. Pass the points' current (confirmed, not recovered) levels; an offline
 * point is passed with level null and reported separately.
 */
export function aggregateSite(points: readonly PointLevel[], policy: AggregationPolicy = DEFAULT_AGGREGATION): SiteLevel {
  validatePromotion(policy.points, 'points');
  validatePromotion(policy.items, 'items');
  const byKind = new Map<string, { sensor: string; level: Level | null }[]>();
  for (const p of points) {
    const list = byKind.get(p.kind) ?? [];
    list.push({ sensor: p.sensor, level: p.level });
    byKind.set(p.kind, list);
  }
  const items: ItemStatus[] = [...byKind.entries()]
    .sort(([a], [b]) => kindOrder(a) - kindOrder(b) || a.localeCompare(b))
    .map(([kind, pts]) => ({ kind, level: combine(pts.map((x) => x.level), policy.points), points: pts }));
  return { level: combine(items.map((i) => i.level), policy.items), items };
}

/** GET /sites/{site}/status: the aggregated level plus the codes of offline sensors (offline.ts). */
export interface SiteStatus extends SiteLevel {
  offline: string[];
}

export function siteStatus(points: readonly PointLevel[], offline: readonly string[], policy: AggregationPolicy = DEFAULT_AGGREGATION): SiteStatus {
  return { ...aggregateSite(points, policy), offline: [...offline] };
}
