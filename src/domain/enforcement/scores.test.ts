import { describe, expect, it } from 'vitest';
import { IllegalTransition } from './lifecycle.ts';
import { cycleSummaries, cycleSummary, isIdNumber, scoreAfter } from './scores.ts';

const at = (iso: string) => Date.parse(iso);

describe('scoring cycles', () => {
  const events = [
    { points: 6, at: at('2023-12-31T23:30:00+08:00'), state: 'recorded' },
    { points: 3, at: at('2023-06-01T10:00:00+08:00'), state: 'recorded' },
    { points: 12, at: at('2024-01-01T00:10:00+08:00'), state: 'recorded' },
    { points: 2, at: at('2024-02-01T00:10:00+08:00'), state: 'voided' },
  ];

  it('counts by the China calendar year, adds circumstances up, and clears at the new year', () => {
    expect(cycleSummary(events, 2023)).toEqual({ cycle: 2023, total: 9, events: 2, reassessmentDue: false });
    expect(cycleSummary(events, 2024)).toEqual({ cycle: 2024, total: 12, events: 1, reassessmentDue: true });
    expect(cycleSummary(events, 2025).total).toBe(0);
    expect(cycleSummaries(events).map((c) => c.cycle)).toEqual([2024, 2023]);
  });

  it('voids a score once', () => {
    expect(scoreAfter('recorded', 'void')).toBe('voided');
    expect(() => scoreAfter('voided', 'void')).toThrow(IllegalTransition);
  });

  it('checks identity numbers', () => {
    expect(isIdNumber('14010519800101123x')).toBe(true);
    expect(isIdNumber('1401051980010112')).toBe(false);
  });
});
