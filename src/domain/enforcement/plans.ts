/**
 * Enforcement plans (执法计划) and blind spots (监管盲区). The seed (§4) asks that mines under
 * construction, producing, suspended or awaiting closure, and tailings ponds, are all under routine
 * supervision: a plan covers every site of its region that is not closed, each visited as often as
 * its enterprise's class allows (at least once a year), with the due dates spread over the year.
 */
import { addDays, addMonths, quarterRange } from './dates.ts';

export interface PlanSite {
  id: string;
  /** Enforcement inspections a year for this site (its enterprise's class). */
  perYear: number;
  class: string;
}

export interface PlannedVisit {
  site: string;
  class: string;
  /** 1-based: the site's first, second … visit of the year. */
  seq: number;
  /** The China calendar date the visit is due by. */
  due: string;
}

const monthEnd = (year: number, month1: number) => addDays(addMonths(`${year}-${String(month1).padStart(2, '0')}-01`, 1), -1);

/**
 * A year's visits. A site visited once is given a quarter in turn (sites taken in the order given),
 * so that the work spreads over the year; a site visited n times has the year cut into n equal spans,
 * each visit due at the end of its span. No site is left out: the least is one visit.
 */
export function planYear(sites: readonly PlanSite[], year: number): PlannedVisit[] {
  const visits: PlannedVisit[] = [];
  let turn = 0;
  for (const s of sites) {
    const n = Math.max(1, Math.floor(s.perYear));
    if (n === 1) {
      visits.push({ site: s.id, class: s.class, seq: 1, due: quarterRange(year, (turn++ % 4) + 1).to });
      continue;
    }
    for (let k = 0; k < n; k++) {
      const month = Math.max(1, Math.ceil(((k + 1) * 12) / n));
      visits.push({ site: s.id, class: s.class, seq: k + 1, due: monthEnd(year, Math.min(12, month)) });
    }
  }
  return visits;
}

/**
 * A quarter's share of the year's visits, with every site whose visits fall in other quarters
 * listed beside it, so that each site of the region is accounted for in every plan.
 */
export function planQuarter(sites: readonly PlanSite[], year: number, quarter: number) {
  const { from, to } = quarterRange(year, quarter);
  const all = planYear(sites, year);
  const visits = all.filter((v) => v.due >= from && v.due <= to);
  const here = new Set(visits.map((v) => v.site));
  const elsewhere = sites.filter((s) => !here.has(s.id)).map((s) => ({ site: s.id, dues: all.filter((v) => v.site === s.id).map((v) => v.due) }));
  return { visits, elsewhere };
}

/** Sites no inspection reached in the period: the blind spots. */
export function blindSpots<S extends { id: string }>(sites: readonly S[], inspected: ReadonlySet<string>): S[] {
  return sites.filter((s) => !inspected.has(s.id));
}
