import { describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaDate, cycleOf, isDate, quarterRange, toChinaDate } from './dates.ts';

describe('China calendar dates', () => {
  it('puts instants on the UTC+8 calendar', () => {
    expect(chinaDate(Date.parse('2023-12-31T23:30:00+08:00'))).toBe('2023-12-31');
    expect(chinaDate(Date.parse('2023-12-31T16:10:00Z'))).toBe('2024-01-01');
    expect(toChinaDate('2024-01-01T00:10:00+08:00')).toBe('2024-01-01');
    expect(toChinaDate('2024-02-30')).toBe(undefined);
  });

  it('counts scoring cycles from 1 January China time', () => {
    expect(cycleOf(Date.parse('2023-12-31T23:30:00+08:00'))).toBe(2023);
    expect(cycleOf(Date.parse('2024-01-01T00:10:00+08:00'))).toBe(2024);
  });

  it('adds months with clamping, days and quarters', () => {
    expect(addMonths('2027-05-31', -3)).toBe('2027-02-28');
    expect(addMonths('2024-01-15', 36)).toBe('2027-01-15');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(quarterRange(2025, 4)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(quarterRange(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
  });
});
