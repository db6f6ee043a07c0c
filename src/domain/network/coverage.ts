import { isRegionCode, scopePrefix } from '../regions/regions.ts';

/** The scope of a child node (or of a node further down): an enterprise, or a region and everything below it. */
export interface NodeScope {
  region: string;
  enterprise: string | null;
}

/** Where a site sits. */
export interface SitePlacement {
  region: string;
  enterprise: string;
}

export interface Coverage {
  /** True when no node below this one watches anything. */
  readonly empty: boolean;
  /** Whether a node below this one watches the site (it receives the device data and evaluates it). */
  covers(site: SitePlacement): boolean;
}

/**
 * The sites watched by nodes below this one. A site belongs to the enterprise node of its enterprise,
 * or to the county, city or province node whose region contains it — the same rule a child's uplink is
 * held to (a child sends only what lies in its scope). Built once from the node list, checked per site
 * without parsing codes again.
 */
export function coverageOf(nodes: readonly NodeScope[]): Coverage {
  const enterprises = new Set<string>();
  const prefixes: string[] = [];
  for (const n of nodes) {
    if (n.enterprise) enterprises.add(n.enterprise);
    // A malformed code would give no prefix at all, i.e. cover everything: skip it instead.
    else if (isRegionCode(n.region)) prefixes.push(scopePrefix(n.region));
  }
  return {
    empty: enterprises.size === 0 && prefixes.length === 0,
    covers(site) {
      return enterprises.has(site.enterprise) || prefixes.some((p) => site.region.startsWith(p));
    },
  };
}
