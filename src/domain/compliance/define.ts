import { z } from 'zod';
import type { RiverGeometry } from './geodesy.ts';

/** What a rule reads of a site: the registry's fields (10⁴ t/a, m, m³ as the registry keeps them). */
export interface ComplianceSite {
  id: string;
  code: string;
  name: string;
  kind: string;
  region: string;
  enterprise: string;
  status: string | null;
  minerals: string[];
  designCapacity: number | null;
  actualCapacity: number | null;
  depth: number | null;
  peopleUnderground: number | null;
  standardGrade: number | null;
  miningLicence: string | null;
  safetyLicence: string | null;
  lng: number | null;
  lat: number | null;
  damHeight: number | null;
  headsUp: boolean | null;
  isNew: boolean | null;
  grade: number | null;
}

/** Compliance facts kept beside a site (not in the registry): what the registry has no field for. */
export interface SiteFacts {
  /** A new (or newly rebuilt) mine; ponds carry their own `isNew` in the registry. */
  newMine: boolean | null;
  /** Date (YYYY-MM-DD) of the filling-method assessment (充填采矿法论证) of a new underground metal mine. */
  fillingAssessedOn: string | null;
  /** Date of the heads-up pond's treatment plan (头顶库治理方案): close, upgrade, reuse or move people. */
  headsUpPlanOn: string | null;
  /** The pond has reached its final design elevation (已运行到设计最终标高). */
  atFinalElevation: boolean | null;
  /** False when the pond no longer receives tailings (不再进行排尾作业). */
  receivingTailings: boolean | null;
  /** Date since when the pond has stood idle (停用). */
  idleSince: string | null;
}

export const NO_FACTS: SiteFacts = { newMine: null, fillingAssessedOn: null, headsUpPlanOn: null, atFinalElevation: null, receivingTailings: null, idleSince: null };

export const CARRIES = ['people', 'explosives', 'fuel', 'ore'] as const;
export type Carry = (typeof CARRIES)[number];

/** One item of a site's equipment register (设备台账). */
export interface Equipment {
  id: string;
  site: string;
  name: string;
  kind: string;
  model: string | null;
  brakeType: string | null;
  carries: Carry[];
}

/** A safety licence (安全生产许可证) as the licence register keeps it. */
export interface LicenceRecord {
  number: string;
  /** Last day of validity, YYYY-MM-DD; null when open-ended. */
  validUntil: string | null;
  state: 'valid' | 'suspended' | 'revoked' | 'cancelled';
}

/** Everything the rules read, gathered once per run; rules never query. */
export interface RuleContext {
  /** Today in China Standard Time, YYYY-MM-DD. */
  today: string;
  sites: ComplianceSite[];
  facts: ReadonlyMap<string, SiteFacts>;
  /** Dates (YYYY-MM-DD) of expert consultations, by site id. */
  consultations: ReadonlyMap<string, string[]>;
  equipment: ReadonlyMap<string, Equipment[]>;
  rivers: RiverGeometry;
  /** Safety licence records by site id, where the licence register holds any for the site or its enterprise. */
  licences?: ReadonlyMap<string, LicenceRecord[]>;
  /** The parameters in force for any rule (a rule may lean on another's, as closure does on scale). */
  params(ruleId: string): Record<string, unknown>;
}

/** What a rule finds: one condition at one site (or, for counts, one region), told by its key. */
export interface Candidate {
  rule: string;
  site: string | null;
  region: string;
  enterprise: string | null;
  /** Tells findings of one rule at one site apart (an equipment item, a licence number); '' when one is enough. */
  key: string;
  message: string;
  evidence: Record<string, unknown>;
}

export interface ParamSpec<T = unknown> {
  schema: z.ZodType<T>;
  default: T;
  zh: string;
  en: string;
  /** Where the default comes from: a clause of the seed, a standard, or "platform default". */
  source: string;
  note?: string;
}

export interface RuleDef<P extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  /** The seed's clause or task number, or the standard. */
  source: string;
  zh: string;
  en: string;
  params: { [K in keyof P]: ParamSpec<P[K]> };
  evaluate(ctx: RuleContext, params: P): Candidate[];
}

/** Declares a rule; the parameters' types follow from their specs. */
export function defineRule<P extends Record<string, unknown>>(def: RuleDef<P>): RuleDef<P> {
  return def;
}

export function param<T>(schema: z.ZodType<T>, def: T, zh: string, en: string, source: string, note?: string): ParamSpec<T> {
  return { schema, default: def, zh, en, source, ...(note ? { note } : {}) };
}

/** A site still to be supervised: everything not closed. */
export const isActive = (s: ComplianceSite) => s.status !== 'closed';

export function candidate(rule: string, s: ComplianceSite, key: string, message: string, evidence: Record<string, unknown>): Candidate {
  return { rule, site: s.id, region: s.region, enterprise: s.enterprise, key, message, evidence: { siteCode: s.code, siteName: s.name, ...evidence } };
}

/** Days from date a to date b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export const regionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 region code');
export const positive = z.number().finite().positive();
