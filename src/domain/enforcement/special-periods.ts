/**
 * Special periods (特殊时段: 春节, 全国两会, 汛期 …) when supervision is stepped up: a plan whose span
 * overlaps one adds unscheduled inspections (不定期检查) for the classes the period names. And the
 * in-depth "dissection" inspections (解剖式执法检查): the sites the planner names, else each class D
 * site once a year.
 */
import type { PlannedVisit } from './plans.ts';

export interface SpecialPeriod {
  name: string;
  /** China calendar dates, inclusive. */
  from: string;
  to: string;
  /** Extra unscheduled visits per site of each class during the period. */
  extraVisits: Readonly<Record<string, number>>;
}

/** When the period names no classes: one extra visit to each C and D site. */
export const DEFAULT_EXTRA_VISITS: Readonly<Record<string, number>> = { C: 1, D: 1 };

export interface ExtraVisit {
  site: string;
  class: string;
  seq: number;
  due: string;
  reason: string;
}

export const overlaps = (p: { from: string; to: string }, from: string, to: string) => p.from <= to && p.to >= from;

/**
 * The unscheduled visits the periods overlapping [from, to] add, each due by the end of the period
 * (or of the plan, when the period runs past it).
 */
export function specialVisits(sites: readonly { id: string; class: string }[], periods: readonly SpecialPeriod[], from: string, to: string): ExtraVisit[] {
  const out: ExtraVisit[] = [];
  for (const p of periods) {
    if (!overlaps(p, from, to)) continue;
    const due = p.to < to ? p.to : to;
    for (const s of sites) {
      const n = Math.max(0, Math.floor(p.extraVisits[s.class] ?? 0));
      for (let k = 0; k < n; k++) out.push({ site: s.id, class: s.class, seq: k + 1, due, reason: p.name });
    }
  }
  return out;
}

/** Whether a planned visit is in depth: the site was named, or (none named) its first visit of the year in class D. */
export function isInDepth(v: Pick<PlannedVisit, 'site' | 'class' | 'seq'>, named: ReadonlySet<string> | null): boolean {
  if (named) return named.has(v.site);
  return v.class === 'D' && v.seq === 1;
}
