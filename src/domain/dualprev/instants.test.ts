import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.ts';
import { chinaDate, chinaYearStart, toInstant } from './instants.ts';

describe('deadlines in China time', () => {
  it('reads a date as the end of that day in China', () => {
    expect(toInstant('2026-12-31')).toBe(Date.UTC(2026, 11, 31, 16) - 1);
    expect(toInstant('2026-12-31', 'from', false)).toBe(Date.UTC(2026, 11, 30, 16));
    expect(chinaDate(toInstant('2026-12-31'))).toBe('2026-12-31');
  });
  it('takes epoch ms and ISO instants with an offset, refusing the rest', () => {
    expect(toInstant(1_800_000_000_000)).toBe(1_800_000_000_000);
    expect(toInstant('2026-12-31T08:00:00+08:00')).toBe(Date.UTC(2026, 11, 31, 0));
    expect(() => toInstant('2026-12-31T08:00:00')).toThrow(Invalid);
    expect(() => toInstant('2026-02-30')).toThrow(Invalid);
    expect(() => toInstant(-5)).toThrow(Invalid);
  });
  it('finds the start of the China year', () => {
    expect(chinaYearStart(Date.UTC(2026, 0, 1, 0))).toBe(Date.UTC(2025, 11, 31, 16));
    expect(chinaYearStart(Date.UTC(2025, 11, 31, 17))).toBe(Date.UTC(2025, 11, 31, 16));
  });
});
