import type { SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../../domain/access/policy.ts';
import { applyScope } from '../scope.ts';

/**
 * Scope and region filters for the dual-prevention tables. Region codes are six digits, so a prefix
 * is also a range of equal-length strings: the range lets the (region_code, …) index serve on both
 * dialects, where LIKE alone is not used by an index on PostgreSQL's default collation.
 */
export function regionRange(prefix: string): [string, string] {
  return [prefix.padEnd(6, '0'), prefix.padEnd(6, '9')];
}

export function placeFilter<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, scope: Scope, regionPrefix?: string): SelectQueryBuilder<DB, TB, O> {
  let out = applyScope(q, scope, 'region_code', 'enterprise_id') as unknown as SelectQueryBuilder<any, any, O>;
  for (const p of [!scope.all && 'regionPrefix' in scope ? scope.regionPrefix : undefined, regionPrefix]) {
    if (!p) continue;
    const [lo, hi] = regionRange(p);
    out = out.where('region_code', '>=', lo).where('region_code', '<=', hi);
  }
  return out as unknown as SelectQueryBuilder<DB, TB, O>;
}
