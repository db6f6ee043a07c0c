import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { DAY_MS, DEFAULT_OVERDUE_POLICY, daysOverdue, escalationTier, tiersBetween, validateOverduePolicy } from './overdue.ts';

describe('overdue escalation', () => {
  it('counts whole days past the deadline', () => {
    expect(daysOverdue(1000, 1000)).toBeNull();
    expect(daysOverdue(1000, 1001)).toBe(0);
    expect(daysOverdue(0, 3 * DAY_MS + 1)).toBe(3);
  });

  it('climbs a major hazard faster than a general one', () => {
    expect(escalationTier('major', 0)).toBe('county');
    expect(escalationTier('major', 6)).toBe('county');
    expect(escalationTier('major', 7)).toBe('city');
    expect(escalationTier('major', 15)).toBe('province');
    expect(escalationTier('general', 2)).toBe('enterprise');
    expect(escalationTier('general', 3)).toBe('county');
    expect(escalationTier('general', 15)).toBe('city');
    expect(escalationTier('general', 30)).toBe('province');
  });

  it('lists each level passed, so that a jump is recorded level by level', () => {
    expect(tiersBetween('enterprise', 'city')).toEqual(['county', 'city']);
    expect(tiersBetween('city', 'city')).toEqual([]);
    expect(tiersBetween('province', 'county')).toEqual([]);
  });

  it('validates a configured policy', () => {
    validateOverduePolicy(DEFAULT_OVERDUE_POLICY);
    expect(() => validateOverduePolicy({ ...DEFAULT_OVERDUE_POLICY, days: { ...DEFAULT_OVERDUE_POLICY.days, general: { county: 10, city: 5, province: 30 } } })).toThrow(Invalid);
  });
});
