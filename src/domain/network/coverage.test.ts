import { describe, expect, it } from 'vitest';
import { coverageOf } from './coverage.ts';

describe('coverageOf', () => {
  it('covers the sites of an enterprise node’s enterprise, wherever they lie', () => {
    const c = coverageOf([{ region: '140105', enterprise: 'E1' }]);
    expect(c.empty).toBe(false);
    expect(c.covers({ region: '140105', enterprise: 'E1' })).toBe(true);
    expect(c.covers({ region: '140212', enterprise: 'E1' })).toBe(true);
    // Another enterprise in the same county is not the enterprise node's.
    expect(c.covers({ region: '140105', enterprise: 'E2' })).toBe(false);
  });

  it('covers a region node’s region and everything below it, not its neighbours', () => {
    const county = coverageOf([{ region: '140105', enterprise: null }]);
    expect(county.covers({ region: '140105', enterprise: 'E' })).toBe(true);
    expect(county.covers({ region: '140106', enterprise: 'E' })).toBe(false);
    const city = coverageOf([{ region: '140100', enterprise: null }]);
    expect(city.covers({ region: '140105', enterprise: 'E' })).toBe(true);
    expect(city.covers({ region: '140100', enterprise: 'E' })).toBe(true);
    expect(city.covers({ region: '140212', enterprise: 'E' })).toBe(false);
  });

  it('covers nothing without nodes, and a malformed region code covers nothing rather than everything', () => {
    expect(coverageOf([]).empty).toBe(true);
    expect(coverageOf([]).covers({ region: '140105', enterprise: 'E' })).toBe(false);
    const bad = coverageOf([{ region: '14', enterprise: null }]);
    expect(bad.empty).toBe(true);
    expect(bad.covers({ region: '140105', enterprise: 'E' })).toBe(false);
  });
});
