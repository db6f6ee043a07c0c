/**
 * Overdue hazards climb the administrative levels (企业 → 县 → 市 → 省) by days past their deadline.
 * The day counts are platform defaults, configurable, to be confirmed against Shanxi's rules
 * (挂牌督办 and 逾期未整改 reporting).
 */
import { Invalid, type FieldProblem } from '../errors.ts';
import type { HazardGrade } from './hazard-loop.ts';

export const ESCALATION_TIERS = ['enterprise', 'county', 'city', 'province'] as const;
export type EscalationTier = (typeof ESCALATION_TIERS)[number];
export const ESCALATION_TIER_LABELS: Record<EscalationTier, string> = { enterprise: '企业', county: '县级', city: '市级', province: '省级' };

export const DAY_MS = 86_400_000;

export interface OverduePolicy {
  /** Whole days past the deadline at which the hazard reaches each level above the enterprise. */
  days: Record<HazardGrade, { county: number; city: number; province: number }>;
  source: string;
  confirmed: boolean;
}

export const DEFAULT_OVERDUE_POLICY: OverduePolicy = {
  days: {
    // A major hazard is the supervising department's business from the first day overdue.
    major: { county: 0, city: 7, province: 15 },
    general: { county: 3, city: 15, province: 30 },
  },
  source: '平台默认值（逾期天数分级上报），待按山西省隐患排查治理规定核实',
  confirmed: false,
};

/** Whole days past the deadline (0 on the first day overdue); null when not overdue. */
export function daysOverdue(deadline: number, now: number): number | null {
  if (now <= deadline) return null;
  return Math.floor((now - deadline) / DAY_MS);
}

/** The level an overdue hazard belongs to now. */
export function escalationTier(grade: HazardGrade, days: number, policy: OverduePolicy = DEFAULT_OVERDUE_POLICY): EscalationTier {
  const d = policy.days[grade];
  if (days >= d.province) return 'province';
  if (days >= d.city) return 'city';
  if (days >= d.county) return 'county';
  return 'enterprise';
}

/** The levels passed on the way from `from` to `to`, each recorded as its own escalation step. */
export function tiersBetween(from: EscalationTier, to: EscalationTier): EscalationTier[] {
  const i = ESCALATION_TIERS.indexOf(from);
  const j = ESCALATION_TIERS.indexOf(to);
  return j > i ? ESCALATION_TIERS.slice(i + 1, j + 1) : [];
}

export function validateOverduePolicy(p: OverduePolicy): void {
  const problems: FieldProblem[] = [];
  for (const g of ['general', 'major'] as const) {
    const d = p.days[g];
    if (!d) {
      problems.push({ path: `days.${g}`, message: 'required' });
      continue;
    }
    const v = [d.county, d.city, d.province];
    if (v.some((x) => !Number.isInteger(x) || x < 0)) problems.push({ path: `days.${g}`, message: 'whole days ≥ 0' });
    else if (!(d.county <= d.city && d.city <= d.province)) problems.push({ path: `days.${g}`, message: 'county ≤ city ≤ province' });
  }
  if (!p.source?.trim()) problems.push({ path: 'source', message: 'say where the values come from' });
  if (problems.length) throw new Invalid('Invalid overdue escalation policy', problems);
}
