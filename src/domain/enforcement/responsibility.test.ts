import { describe, expect, it } from 'vitest';
import { checkAssignment, endOn, isCurrent, responsibilityGaps } from './responsibility.ts';

describe('site responsibility', () => {
  it('holds from its first to its last day', () => {
    const p = { startsOn: '2026-01-01', endsOn: '2026-06-30' };
    expect(isCurrent(p, '2025-12-31')).toBe(false);
    expect(isCurrent(p, '2026-01-01')).toBe(true);
    expect(isCurrent(p, '2026-06-30')).toBe(true);
    expect(isCurrent(p, '2026-07-01')).toBe(false);
    expect(isCurrent({ startsOn: '2026-01-01', endsOn: null }, '2030-01-01')).toBe(true);
  });

  it('asks a leader of mines and ponds, a commissioner of ponds only', () => {
    expect(() => checkAssignment({ role: 'commissioner', startsOn: '2026-01-01', endsOn: null }, 'underground')).toThrow(/tailings_pond/);
    expect(() => checkAssignment({ role: 'leader', startsOn: '2026-01-01', endsOn: null }, 'underground')).toThrow(/level/);
    expect(() => checkAssignment({ role: 'leader', level: 'county', startsOn: '2026-01-01', endsOn: null }, 'open_pit')).toThrow();
    expect(() => checkAssignment({ role: 'leader', level: 'county', startsOn: '2026-02-01', endsOn: '2026-01-01' }, 'underground')).toThrow(/before/);
    expect(() => endOn({ startsOn: '2026-01-01', endsOn: '2026-03-01' }, '2026-04-01')).toThrow(/already ended/);
  });

  it('lists the gaps: none, lapsed, or only one role covered', () => {
    const sites = [
      { id: 'mine', kind: 'underground' },
      { id: 'pond', kind: 'tailings_pond' },
      { id: 'pit', kind: 'open_pit' },
    ];
    const gaps = responsibilityGaps(
      sites,
      [
        { site: 'mine', role: 'leader', name: '甲', startsOn: '2025-01-01', endsOn: '2025-12-31' },
        { site: 'pond', role: 'leader', name: '乙', startsOn: '2026-01-01', endsOn: null },
      ],
      '2026-03-01',
    );
    expect(gaps.map((g) => `${g.site.id}:${g.missing}`)).toEqual(['mine:leader', 'pond:commissioner']);
    expect(gaps[0]!.last).toMatchObject({ name: '甲', endsOn: '2025-12-31' });
  });
});
