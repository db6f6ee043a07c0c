/**
 * Progress rolls up the hierarchy: an assignment passed on to the level below is as far along as the
 * mean of its shares; one not passed on is as far along as its assignee reported. A task's progress is
 * the mean of its direct assignments'.
 */
export interface ProgressRow {
  id: string;
  parentId: string | null;
  progress: number;
}

/** Each row's rolled-up progress (0–100, one decimal). */
export function rolledProgress(rows: readonly ProgressRow[]): Map<string, number> {
  const children = new Map<string, ProgressRow[]>();
  for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const memo = new Map<string, number>();
  const walk = (r: ProgressRow, seen: Set<string>): number => {
    const known = memo.get(r.id);
    if (known !== undefined) return known;
    const kids = (children.get(r.id) ?? []).filter((k) => !seen.has(k.id));
    const v = kids.length ? mean(kids.map((k) => walk(k, new Set([...seen, k.id])))) : clamp(r.progress);
    memo.set(r.id, v);
    return v;
  };
  for (const r of rows) walk(r, new Set([r.id]));
  return memo;
}

/** The direct assignments of a task: no parent, or a parent this node does not hold. */
export function roots<T extends ProgressRow>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  return rows.filter((r) => !r.parentId || !ids.has(r.parentId));
}

/** A task's progress: the mean of its direct assignments' rolled-up progress; null when not assigned. */
export function taskProgress(rows: readonly ProgressRow[]): number | null {
  const top = roots(rows);
  if (!top.length) return null;
  const rolled = rolledProgress(rows);
  return round1(mean(top.map((r) => rolled.get(r.id) ?? 0)));
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
const clamp = (p: number) => Math.max(0, Math.min(100, Number(p) || 0));
const round1 = (x: number) => Math.round(x * 10) / 10;
export { round1 };
