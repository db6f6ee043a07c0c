import type { SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../domain/access/policy.ts';

export type ScopeFilter = Scope;

/**
 * Restricts a query to what a scope may see. Region scope matches the GB/T 2260 prefix, so a
 * city officer sees the city's own records and every county's below it.
 */
export function applyScope<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  scope: Scope,
  regionCol: string,
  enterpriseCol: string,
): SelectQueryBuilder<DB, TB, O> {
  if (scope.all) return q;
  const anyQ = q as unknown as SelectQueryBuilder<any, any, O>;
  if ('enterpriseId' in scope) return anyQ.where(enterpriseCol, '=', scope.enterpriseId) as any;
  return anyQ.where(regionCol, 'like', `${scope.regionPrefix}%`) as any;
}
