import { describe, expect, it } from 'vitest';
import { context, pond, site } from '../test-kit.ts';
import { licenceStatus, licenceValid, standardisationGrade } from './standing.ts';

describe('standardisation_grade', () => {
  const grade = (sites: ReturnType<typeof site>[]) => {
    const ctx = context(sites);
    return standardisationGrade.evaluate(ctx, ctx.params('standardisation_grade') as never).map((c) => [c.site, c.key, c.evidence.required]);
  };
  it('grade-3-or-higher ponds need grade 2 or better; grade-4 ponds grade 3', () => {
    const [p3ok, p3bad, p4ok, none] = [pond({ grade: 3, standardGrade: 2 }), pond({ grade: 3, standardGrade: 3 }), pond({ grade: 4, standardGrade: 3 }), pond({ grade: 2, standardGrade: null })];
    expect(grade([p3ok, p3bad, p4ok, none])).toEqual([
      [p3bad.id, 'below', 2],
      [none.id, 'ungraded', 2],
    ]);
  });
  it('above-scale mines need grade 2; smaller ones grade 3', () => {
    const [big, small, ok] = [site({ designCapacity: 30, standardGrade: 3 }), site({ designCapacity: 29, standardGrade: 3 }), site({ designCapacity: 100, standardGrade: 1 })];
    expect(grade([big, small, ok])).toEqual([[big.id, 'below', 2]]);
  });
});

describe('licence_valid', () => {
  it('a producing site without a licence number is a finding; a suspended one is not checked', () => {
    const [none, blank, ok, idle] = [site({ safetyLicence: null }), site({ safetyLicence: '  ' }), site(), site({ safetyLicence: null, status: 'suspended' })];
    const ctx = context([none, blank, ok, idle]);
    expect(licenceValid.evaluate(ctx, ctx.params('licence_valid') as never).map((c) => c.site)).toEqual([none.id, blank.id]);
  });
  it('the licence register decides where it holds records for the site', () => {
    const [lapsed, ok] = [site({ safetyLicence: 'A' }), site({ safetyLicence: null })];
    const ctx = { ...context([lapsed, ok]), licences: new Map([[lapsed.id, [{ number: 'A', validUntil: '2026-12-05', state: 'valid' as const }]], [ok.id, [{ number: 'B', validUntil: '2027-01-01', state: 'valid' as const }]]]) };
    const out = licenceValid.evaluate(ctx, ctx.params('licence_valid') as never);
    expect(out.map((c) => [c.site, c.evidence.reason])).toEqual([[lapsed.id, 'licence A expired 2026-12-05']]);
  });
  it('reads licence records when there are some: expired or suspended is invalid', () => {
    expect(licenceStatus({ safetyLicence: 'A' }, '2026-12-06', [{ number: 'A', validUntil: '2026-12-05', state: 'valid' }]).valid).toBe(false);
    expect(licenceStatus({ safetyLicence: null }, '2026-12-06', [{ number: 'A', validUntil: '2026-12-06', state: 'valid' }]).valid).toBe(true);
    expect(licenceStatus({ safetyLicence: 'A' }, '2026-12-06', [{ number: 'A', validUntil: null, state: 'suspended' }]).reason).toBe('licence A suspended');
  });
});
