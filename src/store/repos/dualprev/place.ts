import type { SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../../domain/access/policy.ts';
import { applyScope, whereRegionPrefix } from '../scope.ts';

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

/**
 * The caller's scope and a region filter. A region scope is its level's equality alone: the prefix
 * match beside it would say nothing more, and PostgreSQL then misjudges the rows to a handful and
 * sorts a whole county's hazards instead of walking the index. Enterprise and unlimited scopes are
 * applyScope's.
 */
export function placeFilter<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, scope: Scope, regionPrefix?: string): SelectQueryBuilder<DB, TB, O> {
  const scopePrefix = !scope.all && 'regionPrefix' in scope ? scope.regionPrefix : undefined;
  let out = (scopePrefix && levelEquality(scopePrefix) ? q : applyScope(q, scope, 'region_code', 'enterprise_id')) as unknown as SelectQueryBuilder<any, any, O>;
  for (const p of [scopePrefix, regionPrefix]) {
    if (!p) continue;
    const eq = levelEquality(p);
    out = eq ? out.where(eq[0], '=', eq[1]) : whereRegionPrefix(out, 'region_code', p);
  }
  return out as unknown as SelectQueryBuilder<DB, TB, O>;
}
