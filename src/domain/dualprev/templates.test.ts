import { describe, expect, it } from 'vitest';
import { ACCIDENT_TYPES, KEY_OPERATIONS, MEASURE_KINDS } from './catalogue.ts';
import { LEC_C, LEC_E, LEC_L, assess } from './risk-levels.ts';
import { RISK_TEMPLATES, templatesFor } from './templates.ts';

describe('risk template library', () => {
  it('has at least three risk points per key operation', () => {
    for (const op of KEY_OPERATIONS) expect(templatesFor(undefined, op).length, op).toBeGreaterThanOrEqual(3);
  });

  it('covers tailings ponds, underground and open-pit mines as a whole', () => {
    for (const kind of ['tailings_pond', 'underground', 'open_pit']) {
      expect(RISK_TEMPLATES.filter((t) => t.operation === null && t.siteKinds.includes(kind as never)).length, kind).toBeGreaterThanOrEqual(3);
    }
  });

  it('uses GB 6441 accident types, known measure kinds, scale values and unique ids', () => {
    expect(new Set(RISK_TEMPLATES.map((t) => t.id)).size).toBe(RISK_TEMPLATES.length);
    for (const t of RISK_TEMPLATES) {
      expect(t.hazardFactors.length).toBeGreaterThan(0);
      expect(t.checkItems.length).toBeGreaterThan(0);
      for (const a of t.accidentTypes) expect(ACCIDENT_TYPES).toContain(a);
      for (const m of t.measures) expect(MEASURE_KINDS).toContain(m.kind);
      expect(t.measures.some((m) => m.kind === 'engineering')).toBe(true);
      expect(t.measures.some((m) => m.kind === 'emergency')).toBe(true);
      expect(LEC_L.map((x) => x.value)).toContain(t.suggested.L);
      expect(LEC_E.map((x) => x.value)).toContain(t.suggested.E);
      expect(LEC_C.map((x) => x.value)).toContain(t.suggested.C);
      expect(() => assess({ method: 'LEC', ...t.suggested })).not.toThrow();
    }
  });

  it('filters by site kind', () => {
    expect(templatesFor('tailings_pond').every((t) => t.siteKinds.includes('tailings_pond'))).toBe(true);
    expect(templatesFor('tailings_pond').some((t) => t.operation === 'hoisting')).toBe(false);
  });
});
