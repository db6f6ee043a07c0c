/**
 * The monitoring items a site must have working (GB 39496-2020 §5.5.2):
 * - wet ponds (湿式尾矿库): dam displacement, phreatic line, dry beach, rainfall, water level,
 *   landslide displacement in the pond area, video;
 * - dry-stack ponds (干式尾矿库): dam displacement, phreatic line, rainfall, video;
 * - grade 3 and above wet ponds, where needed (必要时): pore pressure, seepage and turbidity. The
 *   platform asks for them on those ponds; a pond that shows they are not needed records it by
 *   choosing its storage and grade, not by dropping the check.
 * A pond whose storage is not recorded is held to the wet list, the longer one. Mines and open pits
 * have no §5.5.2 list here.
 */
import type { MonitoringItem } from './items.ts';

export type PondStorage = 'wet' | 'dry';

export interface RequiredItemsInput {
  /** Site kind (tailings_pond, underground, open_pit). */
  kind: string;
  storage?: PondStorage | null;
  /** GB 50863 grade 1 … 5; null when not assessed. */
  grade?: number | null;
}

export const WET_POND_ITEMS: readonly MonitoringItem[] = ['dam_displacement', 'phreatic_line', 'dry_beach', 'water_level', 'rainfall', 'landslide_displacement', 'video'];
export const DRY_POND_ITEMS: readonly MonitoringItem[] = ['dam_displacement', 'phreatic_line', 'rainfall', 'video'];
export const HIGH_GRADE_WET_EXTRA: readonly MonitoringItem[] = ['pore_pressure', 'seepage_flow', 'turbidity'];
export const REQUIRED_ITEMS_SOURCE = 'GB 39496-2020 §5.5.2（湿式、干式尾矿库监测项目；三等及以上湿式尾矿库必要时增加孔隙水压力、渗流量、浑浊度）';

export function requiredItems(site: RequiredItemsInput): MonitoringItem[] {
  if (site.kind !== 'tailings_pond') return [];
  if (site.storage === 'dry') return [...DRY_POND_ITEMS];
  const extra = site.grade !== null && site.grade !== undefined && site.grade <= 3 ? HIGH_GRADE_WET_EXTRA : [];
  return [...WET_POND_ITEMS, ...extra];
}

/** A status item as far as this needs it: which item, and whether each point works (has reported, is not silent, is enabled). */
interface ItemPoints {
  item: string;
  points: readonly { stale: boolean; disabled: boolean; lastHeard: number | null }[];
}

/** The required items with no working point: none at all, or every one silent, disabled or never heard. */
export function missingItems(required: readonly string[], items: readonly ItemPoints[]): string[] {
  const working = new Set(items.filter((i) => i.points.some((p) => !p.stale && !p.disabled && p.lastHeard !== null)).map((i) => i.item));
  return required.filter((r) => !working.has(r));
}

export function isPondStorage(x: unknown): x is PondStorage {
  return x === 'wet' || x === 'dry';
}
