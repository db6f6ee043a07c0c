import { describe, expect, it } from 'vitest';
import { diffCandidates, evaluateAll, parseParams, presentRule, resolveParams, ruleById, RULES } from './catalogue.ts';
import { context, site } from './test-kit.ts';

describe('compliance catalogue', () => {
  it('holds the 13 rules with stable ids, each with a source, Chinese and English text', () => {
    expect(RULES.map((r) => r.id)).toEqual([
      'min_scale', 'one_mine_one_operator', 'expert_consultation', 'pond_dam_height', 'heads_up_pond', 'yellow_river_distance', 'pond_count_baseline',
      'standardisation_grade', 'banned_equipment', 'filling_method', 'licence_valid', 'heads_up_treatment', 'closure_candidate',
    ]);
    for (const r of RULES) {
      expect(r.source).toMatch(/\S/);
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
      for (const p of Object.values(r.params)) expect(p.source).toMatch(/\S/);
    }
  });

  it('shows each parameter with its default, value, source and schema', () => {
    const shown = presentRule(ruleById('min_scale'), { keyCounties: ['140827'] });
    const kc = shown.parameters.find((p) => p.key === 'keyCounties')!;
    expect(kc).toMatchObject({ default: [], value: ['140827'] });
    expect(kc.note).toMatch(/5 key counties/);
    expect(kc.schema).toMatchObject({ type: 'array' });
  });

  it('checks proposed parameters and names each problem', () => {
    const rule = ruleById('min_scale');
    expect(parseParams(rule, resolveParams(rule, undefined), { undergroundIron: 12 }).undergroundIron).toBe(12);
    expect(() => parseParams(rule, {}, { undergroundIron: -1, keyCounties: ['14'], nope: 1 })).toThrow(/undergroundIron.*keyCounties\.0.*nope/);
  });

  it('diffs two evaluations by rule, site and key', () => {
    const s = site({ minerals: ['iron'], designCapacity: 12 });
    const before = evaluateAll(context([s])).candidates.filter((c) => c.rule === 'min_scale');
    const after = evaluateAll(context([s], { params: { min_scale: { undergroundIron: 15 } } })).candidates.filter((c) => c.rule === 'min_scale');
    expect(diffCandidates(before, after)).toMatchObject({ added: [{ rule: 'min_scale', site: s.id }], removed: [] });
  });

  it('a rule that throws is reported, not fatal', () => {
    const ctx = context([site()]);
    const r = evaluateAll({ ...ctx, params: (id) => (id === 'one_mine_one_operator' ? ctx.params(id) : (null as never)) });
    expect(r.failed.length).toBeGreaterThan(0);
  });
});
