import type { Region, RegionIndex } from '../domain/regions/regions.ts';

export interface RegionListing {
  /** The children of this region. */
  parent?: string;
  /** This node's own region and every region below it. */
  all?: boolean;
}

/**
 * The administrative divisions a region picker shows: the children of `parent`; with `all`, this node's
 * region and everything below it; with neither, this node's region alone (nothing when it is unknown).
 */
export function listRegions(regions: RegionIndex, root: string, q: RegionListing): Region[] {
  if (q.all) return regions.all().filter((r) => r.code === root || regions.ancestors(r.code).some((a) => a.code === root));
  if (!q.parent) {
    const self = regions.get(root);
    return self ? [self] : [];
  }
  return regions.children(q.parent);
}
