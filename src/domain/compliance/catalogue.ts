import { z } from 'zod';
import { Invalid, NotFound } from '../errors.ts';
import type { Candidate, RuleContext, RuleDef } from './define.ts';
import { headsUpPond, headsUpTreatment, pondCountBaseline, pondDamHeight, yellowRiverDistance } from './rules/ponds.ts';
import { closureCandidate, minScale, oneMineOneOperator } from './rules/scale.ts';
import { licenceValid, standardisationGrade } from './rules/standing.ts';
import { bannedEquipment, expertConsultation, fillingMethod } from './rules/underground.ts';

/** The compliance catalogue (合规规则目录): every rule with its stable id, source and parameters. */
export const RULES: readonly RuleDef<any>[] = [
  minScale,
  oneMineOneOperator,
  expertConsultation,
  pondDamHeight,
  headsUpPond,
  yellowRiverDistance,
  pondCountBaseline,
  standardisationGrade,
  bannedEquipment,
  fillingMethod,
  licenceValid,
  headsUpTreatment,
  closureCandidate,
];

export function ruleById(id: string): RuleDef<any> {
  const r = RULES.find((x) => x.id === id);
  if (!r) throw new NotFound(`No compliance rule ${id} (没有该规则)`);
  return r;
}

export function defaultsOf(rule: RuleDef<any>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule.params).map(([k, spec]) => [k, spec.default]));
}

/** Stored values over the defaults; a stored key the rule no longer has is dropped. */
export function resolveParams(rule: RuleDef<any>, stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = defaultsOf(rule);
  for (const k of Object.keys(out)) if (stored && k in stored) out[k] = stored[k];
  return out;
}

/**
 * Checks proposed values for a rule (any subset of its parameters) and returns them merged over the
 * current ones; every problem names its parameter.
 */
export function parseParams(rule: RuleDef<any>, current: Record<string, unknown>, proposed: Record<string, unknown>): Record<string, unknown> {
  const problems: { path: string; message: string }[] = [];
  const out = { ...current };
  for (const [k, v] of Object.entries(proposed)) {
    const spec = rule.params[k];
    if (!spec) {
      problems.push({ path: k, message: `rule ${rule.id} has no parameter ${k} (没有这一参数)` });
      continue;
    }
    const r = (spec.schema as z.ZodType).safeParse(v);
    if (r.success) out[k] = r.data;
    else for (const i of r.error.issues) problems.push({ path: [k, ...i.path.map(String)].join('.'), message: i.message });
  }
  if (problems.length) throw new Invalid(`Invalid parameters for ${rule.id} — ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  return out;
}

/**
 * Every rule over the context. A rule that throws is named in `failed` (with why), so that a run
 * leaves that rule's findings as they were instead of resolving them.
 */
export function evaluateAll(ctx: RuleContext): { candidates: Candidate[]; failed: { rule: string; error: string }[] } {
  const candidates: Candidate[] = [];
  const failed: { rule: string; error: string }[] = [];
  for (const rule of RULES) {
    try {
      candidates.push(...rule.evaluate(ctx, ctx.params(rule.id)));
    } catch (err) {
      failed.push({ rule: rule.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { candidates, failed };
}

/** Identity of a finding across runs: same rule, same site (or region), same key. */
export function fingerprint(c: Pick<Candidate, 'rule' | 'site' | 'region' | 'key'>): string {
  return `${c.rule}|${c.site ?? `region:${c.region}`}|${c.key}`;
}

/** What changes between two evaluations: candidates only in `after` are added, only in `before` removed. */
export function diffCandidates(before: Candidate[], after: Candidate[]): { added: Candidate[]; removed: Candidate[] } {
  const b = new Set(before.map(fingerprint));
  const a = new Set(after.map(fingerprint));
  return { added: after.filter((c) => !b.has(fingerprint(c))), removed: before.filter((c) => !a.has(fingerprint(c))) };
}

/** How a rule is shown in the catalogue. */
export function presentRule(rule: RuleDef<any>, stored: Record<string, unknown> | undefined) {
  const values = resolveParams(rule, stored);
  return {
    id: rule.id,
    source: rule.source,
    zh: rule.zh,
    en: rule.en,
    parameters: Object.entries(rule.params).map(([key, spec]) => ({
      key,
      zh: spec.zh,
      en: spec.en,
      default: spec.default,
      value: values[key],
      source: spec.source,
      note: spec.note ?? null,
      schema: z.toJSONSchema(spec.schema as z.ZodType, { unrepresentable: 'any' }),
    })),
  };
}
