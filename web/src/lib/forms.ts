import type { FieldProblem } from '../api/client.ts';

export type FieldName = (string | number)[];

/** Turns a server path ("body.principal.name", "/principal/name", "principal[0]") into a form field name. */
export function fieldPath(path: string): FieldName {
  const segs = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean);
  if (segs[0] === 'body' || segs[0] === 'query' || segs[0] === 'params') segs.shift();
  return segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Splits server field problems into those the form shows on a field and those it must show elsewhere
 * (a path the form does not have, or none).
 */
export function problemsToFields(problems: FieldProblem[], hasField: (name: FieldName) => boolean) {
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  const rest: string[] = [];
  for (const p of problems) {
    const name = fieldPath(p.path);
    if (name.length === 0 || !hasField(name)) {
      rest.push(p.path ? `${p.path}: ${p.message}` : p.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(p.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], rest };
}

/** Form inputs give '' or undefined for an emptied field; the server stores null. */
export function normalise(v: unknown): unknown {
  if (v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = normalise(x);
    return o;
  }
  return v;
}

/** The fields of `values` that differ from `original` — the body of a PATCH (without the version). */
export function changedFields<T extends object>(original: T, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const before = normalise((original as Record<string, unknown>)[k]);
    const after = normalise(v);
    if (JSON.stringify(before) !== JSON.stringify(after)) out[k] = after;
  }
  return out;
}

/** Drops empty values so a create request carries only what the user filled in. */
export function compact(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const n = normalise(v);
    if (n === null) continue;
    if (Array.isArray(n) && n.length === 0) continue;
    if (n && typeof n === 'object' && !Array.isArray(n)) {
      const inner = compact(n as Record<string, unknown>);
      if (Object.keys(inner).length === 0) continue;
      out[k] = inner;
      continue;
    }
    out[k] = n;
  }
  return out;
}
