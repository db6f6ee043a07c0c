import { describe, expect, it } from 'vitest';
import { blindSpots, planQuarter, planYear, type PlanSite } from './plans.ts';

const sites: PlanSite[] = [
  { id: 'a1', perYear: 1, class: 'A' },
  { id: 'b1', perYear: 1, class: 'B' },
  { id: 'c1', perYear: 2, class: 'C' },
  { id: 'd1', perYear: 4, class: 'D' },
  { id: 'a2', perYear: 1, class: 'A' },
  { id: 'z', perYear: 0, class: 'A' },
];

describe('enforcement plans', () => {
  it('visits every site at least once a year, as often as its class allows, spread over the year', () => {
    const v = planYear(sites, 2026);
    for (const s of sites) expect(v.some((x) => x.site === s.id)).toBe(true);
    expect(v.filter((x) => x.site === 'd1').map((x) => x.due)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(v.filter((x) => x.site === 'c1').map((x) => x.due)).toEqual(['2026-06-30', '2026-12-31']);
    expect(v.filter((x) => x.class === 'A' || x.class === 'B').map((x) => x.due)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(v).toHaveLength(1 + 1 + 2 + 4 + 1 + 1);
  });

  it('splits the year into quarters that together leave no site out', () => {
    const seen = new Set<string>();
    for (const q of [1, 2, 3, 4]) {
      const p = planQuarter(sites, 2026, q);
      for (const v of p.visits) seen.add(v.site);
      const accounted = new Set([...p.visits.map((v) => v.site), ...p.elsewhere.map((e) => e.site)]);
      expect(accounted.size).toBe(sites.length);
    }
    expect(seen.size).toBe(sites.length);
    expect(planQuarter(sites, 2026, 1).visits.map((v) => v.site)).toEqual(['a1', 'd1']);
  });

  it('finds the sites no inspection reached', () => {
    expect(blindSpots(sites, new Set(['a1', 'd1'])).map((s) => s.id)).toEqual(['b1', 'c1', 'a2', 'z']);
  });
});
