import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRA_VISITS, isInDepth, specialVisits } from './special-periods.ts';

const sites = [
  { id: 'a', class: 'A' },
  { id: 'c', class: 'C' },
  { id: 'd', class: 'D' },
];
const flood = { name: '汛期', from: '2026-06-01', to: '2026-09-30', extraVisits: DEFAULT_EXTRA_VISITS };

describe('special periods', () => {
  it('adds one unscheduled visit to each C and D site when the period overlaps the plan', () => {
    const v = specialVisits(sites, [flood], '2026-07-01', '2026-09-30');
    expect(v).toEqual([
      { site: 'c', class: 'C', seq: 1, due: '2026-09-30', reason: '汛期' },
      { site: 'd', class: 'D', seq: 1, due: '2026-09-30', reason: '汛期' },
    ]);
  });

  it('adds nothing when the period lies outside the plan', () => {
    expect(specialVisits(sites, [flood], '2026-01-01', '2026-03-31')).toEqual([]);
  });

  it('is due by the end of the plan when the period runs past it, with per-class counts', () => {
    const v = specialVisits(sites, [{ ...flood, extraVisits: { A: 2 } }], '2026-04-01', '2026-06-30');
    expect(v.map((x) => [x.site, x.seq, x.due])).toEqual([
      ['a', 1, '2026-06-30'],
      ['a', 2, '2026-06-30'],
    ]);
  });

  it('marks in depth the named sites, else the first visit of a class D site', () => {
    expect(isInDepth({ site: 'd', class: 'D', seq: 1 }, null)).toBe(true);
    expect(isInDepth({ site: 'd', class: 'D', seq: 2 }, null)).toBe(false);
    expect(isInDepth({ site: 'c', class: 'C', seq: 1 }, null)).toBe(false);
    expect(isInDepth({ site: 'c', class: 'C', seq: 1 }, new Set(['c']))).toBe(true);
    expect(isInDepth({ site: 'd', class: 'D', seq: 1 }, new Set(['c']))).toBe(false);
  });
});
