import { describe, expect, it } from 'vitest';
import { classify, classOfScore, mergeRules, type ClassSite, type EnterpriseFacts } from './classes.ts';

const site = (over: Partial<ClassSite>): ClassSite => ({ id: 's', code: 'S1', kind: 'open_pit', status: 'producing', grade: null, depth: null, peopleUnderground: null, headsUp: null, standardGrade: 2, ...over });
const facts = (over: Partial<EnterpriseFacts>): EnterpriseFacts => ({ sites: [site({})], licence: 'valid', producing: true, cases: 0, reassessmentDue: 0, points: 0, majorHazards: 0, redAlarms: 0, orangeAlarms: 0, ...over });

describe('supervision classes', () => {
  it('puts a small, licensed, standardised open pit in A with every factor explained', () => {
    const c = classify(facts({ sites: [site({ standardGrade: 1 })] }));
    expect(c.class).toBe('A');
    expect(c.inspectionsPerYear).toBe(1);
    expect(c.factors.map((f) => f.factor)).toEqual(['site_kind', 'scale', 'standardisation', 'licence', 'cases', 'scores', 'major_hazards', 'alarms', 'compliance']);
    expect(c.score).toBe(0);
    for (const f of c.factors) expect(f.explanation.length).toBeGreaterThan(0);
  });

  it('raises a deep underground mine without a licence, with cases and a red alarm, to D', () => {
    const c = classify(facts({ sites: [site({ kind: 'underground', depth: 850, standardGrade: null })], licence: 'none', cases: 1, redAlarms: 1 }));
    // 20 underground + 15 scale + 10 no standardisation + 25 licence + 10 case + 15 red alarm
    expect(c.score).toBe(95);
    expect(c.class).toBe('D');
    expect(c.inspectionsPerYear).toBe(4);
    expect(c.factors.find((f) => f.factor === 'scale')!.explanation).toMatch(/800/);
  });

  it('classes ponds by grade and heads-up ponds higher, and leaves absent hazard data out', () => {
    const c = classify(facts({ sites: [site({ kind: 'tailings_pond', grade: 2, headsUp: true })], majorHazards: null }));
    expect(c.score).toBe(45);
    expect(c.class).toBe('C');
    expect(c.factors.find((f) => f.factor === 'major_hazards')).toMatchObject({ value: null, points: 0 });
  });

  it('takes thresholds and frequencies from configuration', () => {
    expect(classOfScore(25)).toBe('B');
    expect(classOfScore(24)).toBe('A');
    const r = mergeRules({ thresholds: { B: 5 }, inspectionsPerYear: { B: 2 } });
    expect(r.thresholds).toEqual({ D: 70, C: 45, B: 5 });
    const c = classify(facts({ sites: [site({ standardGrade: 3 })] }), r);
    expect(c).toMatchObject({ class: 'B', inspectionsPerYear: 2 });
  });

  it('counts open compliance findings by their rule\'s severity, configurable, and names the rules in Chinese', () => {
    const c = classify(facts({ openFindings: [{ rule: 'min_scale', site: 's' }, { rule: 'heads_up_pond', site: 's' }] }));
    expect(c.factors.find((f) => f.factor === 'compliance')).toMatchObject({ points: 15, explanation: '2 项合规问题未整改（最低生产规模、头顶库）' });
    const r = mergeRules({ points: { findingBySeverity: { medium: 7 } }, findingSeverity: { heads_up_pond: 'low' } });
    expect(classify(facts({ openFindings: [{ rule: 'min_scale', site: 's' }, { rule: 'heads_up_pond', site: 's' }] }), r).factors.find((f) => f.factor === 'compliance')!.points).toBe(9);
    expect(classify(facts({ openFindings: [] })).factors.find((f) => f.factor === 'compliance')!.points).toBe(0);
  });
});
