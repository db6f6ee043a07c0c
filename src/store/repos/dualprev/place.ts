import type { SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../../domain/access/policy.ts';
import { applyScope } from '../scope.ts';

/** The city and province columns stored beside a county's region_code. */
export function regionColumns(regionCode: string) {
  return { city_code: `${regionCode.slice(0, 4)}00`, province_code: `${regionCode.slice(0, 2)}0000` };
}

/**
 * A region prefix (14, 1401, 140105) as one equality on the column of its level: lists ordered by
 * created_at then walk one index in order and stop at the page, where a prefix range over
 * region_code would sort every row of a province first.
 */
function levelEquality(prefix: string): [column: string, value: string] | null {
  if (prefix.length === 2) return ['province_code', prefix.padEnd(6, '0')];
  if (prefix.length === 4) return ['city_code', prefix.padEnd(6, '0')];
  if (prefix.length === 6) return ['region_code', prefix];
  return null;
}

/** The caller's scope (applyScope) and a region filter, each also as an equality the indexes serve. */
export function placeFilter<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, scope: Scope, regionPrefix?: string): SelectQueryBuilder<DB, TB, O> {
  // The prefix match on the level's own column is read from the index, never from the row.
  const scopeEq = !scope.all && 'regionPrefix' in scope ? levelEquality(scope.regionPrefix) : null;
  let out = applyScope(q, scope, scopeEq?.[0] ?? 'region_code', 'enterprise_id') as unknown as SelectQueryBuilder<any, any, O>;
  for (const p of [!scope.all && 'regionPrefix' in scope ? scope.regionPrefix : undefined, regionPrefix]) {
    if (!p) continue;
    const eq = levelEquality(p);
    out = eq ? out.where(eq[0], '=', eq[1]) : out.where('region_code', 'like', `${p}%`);
  }
  return out as unknown as SelectQueryBuilder<DB, TB, O>;
}
