import type { Change } from '../api/types.ts';

export interface ChangeRow {
  field: string;
  from: unknown;
  to: unknown;
}

function isFromTo(v: unknown): v is { from: unknown; to: unknown } {
  return !!v && typeof v === 'object' && 'from' in v && 'to' in v;
}

/** The field-by-field rows of one history entry; a creation lists the values it was created with. */
export function changeRows(c: Change, hidden: readonly string[] = ['id', 'createdAt', 'updatedAt', 'version', 'originNode']): ChangeRow[] {
  if (!c.changes) return [];
  const rows: ChangeRow[] = [];
  for (const [field, v] of Object.entries(c.changes)) {
    if (hidden.includes(field)) continue;
    if (isFromTo(v)) rows.push({ field, from: v.from, to: v.to });
    else if (v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)) rows.push({ field, from: null, to: v });
  }
  return rows;
}

/** A value from the history, shown as text. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(showValue).join('、');
  if (typeof v === 'object') {
    const vals = Object.values(v as Record<string, unknown>).filter((x) => x !== null && x !== undefined && x !== '');
    return vals.length ? vals.map(showValue).join(' / ') : '—';
  }
  return String(v);
}
