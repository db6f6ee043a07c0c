import type { SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../domain/access/policy.ts';

export type ScopeFilter = Scope;

/**
 * The bounds of the region codes under a GB/T 2260 prefix: [1401, 1402) for 1401. A range keeps the
 * column's index on both stores, where LIKE '1401%' does not (SQLite's LIKE is case-insensitive, and
 * PostgreSQL's needs the C collation or a pattern index). Null for a prefix that is not all digits.
 */
export function prefixBounds(prefix: string): { from: string; below: string | null } | null {
  if (!/^\d+$/.test(prefix)) return null;
  const next = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
  return { from: prefix, below: next.length > prefix.length ? null : next };
}

/** Rows whose region code lies under `prefix`. */
export function whereRegionPrefix<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, col: string, prefix: string): SelectQueryBuilder<DB, TB, O> {
  const anyQ = q as unknown as SelectQueryBuilder<any, any, O>;
  const b = prefixBounds(prefix);
  if (!b) return anyQ.where(col, 'like', `${prefix}%`) as any;
  const from = anyQ.where(col, '>=', b.from);
  return (b.below === null ? from : from.where(col, '<', b.below)) as any;
}

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
  return whereRegionPrefix(anyQ, regionCol, scope.regionPrefix) as any;
}
