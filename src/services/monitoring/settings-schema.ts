import { z } from 'zod';
import { DEFAULT_AGGREGATION, DEFAULT_ESCALATION, DEFAULT_OFFLINE_POLICY, LEVELS, type AggregationPolicy, type EscalationPolicy, type OfflinePolicy } from '../../domain/monitoring/index.ts';
import { Invalid, type FieldProblem } from '../../domain/errors.ts';

/** Monitoring rule parameters, stored as data (settings key `monitoring.config`), each with its source. */
export interface MonitoringConfig {
  offline: OfflinePolicy;
  escalation: EscalationPolicy;
  aggregation: AggregationPolicy;
  /** Raw readings older than this are removed (rollups stay); null keeps them forever. */
  retentionDays: number | null;
  /**
   * 10-minute rollups older than this are removed; null keeps them forever. Hourly and daily rollups
   * are always kept: a year of a sensor is 8,760 and 365 rows, against 52,560 at 10 minutes.
   */
  tenMinuteRetentionDays: number | null;
  /** Readings stamped further ahead than this are refused. */
  futureToleranceSec: number;
  /** Webhooks that receive alarm changes at or above a level. */
  webhooks: { url: string; minLevel: (typeof LEVELS)[number] }[];
  /** SMS gateway: where alarm texts would go; 'none' records them without sending. */
  sms: { gateway: 'none' | 'http'; url?: string; minLevel: (typeof LEVELS)[number] };
}

export const DEFAULT_MONITORING_CONFIG: MonitoringConfig = {
  offline: DEFAULT_OFFLINE_POLICY,
  escalation: DEFAULT_ESCALATION,
  aggregation: DEFAULT_AGGREGATION,
  retentionDays: null,
  // A year and a month: a chart of the past year at 10-minute steps still reads from the rollups.
  tenMinuteRetentionDays: 400,
  futureToleranceSec: 300,
  webhooks: [],
  sms: { gateway: 'none', minLevel: 'orange' },
};

/** Where each default comes from, shown beside the value. */
export const CONFIG_SOURCES: Record<keyof MonitoringConfig, string> = {
  offline: 'GB 51108-2015 §4.5.4, §10.0.1; k, reminders and the station grace (1 h): platform defaults',
  escalation: DEFAULT_ESCALATION.source,
  aggregation: DEFAULT_AGGREGATION.source,
  retentionDays: 'platform default: keep raw readings',
  tenMinuteRetentionDays: 'platform default: 400 days, so that a year at 10-minute steps reads from the 10-minute rollups; hourly and daily rollups are kept',
  futureToleranceSec: 'platform default: 5 min of device clock drift',
  webhooks: 'platform default: none',
  sms: 'platform default: no SMS gateway configured',
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const level = z.enum(LEVELS);
const promotion = z.strictObject({ blue: z.number().int().min(1), yellow: z.number().int().min(1), orange: z.number().int().min(1), chain: z.boolean() });
const perLevelSec = z.strictObject({ blue: z.number().int().min(1), yellow: z.number().int().min(1), orange: z.number().int().min(1), red: z.number().int().min(1) });
const monthDay = z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });

export const configPatch = z.strictObject({
  offline: z
    .strictObject({
      k: z.number().min(1).max(100),
      warningIntervalSec: z.number().int().min(10),
      floodSeasonIntervalSec: z.number().int().min(10),
      repairOverdueSec: z.number().int().min(60),
      stationGraceSec: z.number().int().min(0).max(7 * 86_400),
      reminderEverySec: z.number().int().min(60),
      levels: z.strictObject({ offline: level, siteSilent: level, repairOverdue: level }),
      floodSeason: z.strictObject({ start: monthDay, end: monthDay, source: z.string(), confirmed: z.boolean() }),
      utcOffsetMin: z.number().int().min(-720).max(840),
    })
    .partial()
    .optional(),
  escalation: z
    .strictObject({
      responseSec: perLevelSec,
      analysisSec: perLevelSec,
      verificationSec: perLevelSec,
      maxTier: z.enum(['enterprise', 'county', 'city', 'province']),
      source: z.string(),
      analysisSource: z.string(),
      verificationSource: z.string(),
      confirmed: z.boolean(),
    })
    .partial()
    .optional(),
  aggregation: z.strictObject({ points: promotion, items: promotion, source: z.string().max(500), confirmed: z.boolean() }).partial().optional(),
  retentionDays: z.number().int().min(1).nullable().optional(),
  tenMinuteRetentionDays: z.number().int().min(1).max(36_500).nullable().optional(),
  futureToleranceSec: z.number().int().min(0).max(86_400).optional(),
  webhooks: z.array(z.strictObject({ url: z.string().url(), minLevel: level })).max(20).optional(),
  sms: z.strictObject({ gateway: z.enum(['none', 'http']), url: z.string().url().optional(), minLevel: level }).optional(),
});
export type ConfigPatch = z.infer<typeof configPatch>;

/** The unit a field's number is in, named from its key, so a message reads "at least 60 s". */
function unitOf(path: readonly PropertyKey[]): { en: string; zh: string } {
  const key = String(path[path.length - 1] ?? '');
  const parent = String(path[path.length - 2] ?? '');
  if (key.endsWith('Sec') || parent.endsWith('Sec')) return { en: ' s', zh: ' 秒' };
  if (key.endsWith('Days')) return { en: ' d', zh: ' 天' };
  if (key.endsWith('Min')) return { en: ' min', zh: ' 分钟' };
  return { en: '', zh: '' };
}

/** Messages an operator can act on, in English with the Chinese the web page shows beside the field. */
const messages: z.core.$ZodErrorMap = (iss) => {
  const u = unitOf(iss.path ?? []);
  switch (iss.code) {
    case 'invalid_type':
      if (iss.expected === 'int') return 'must be a whole number (须为整数)';
      if (iss.expected === 'number') return 'must be a number (须为数字)';
      if (iss.expected === 'boolean') return 'must be true or false (须为是或否)';
      if (iss.expected === 'string') return 'must be text (须为文本)';
      return `must be ${iss.expected} (格式不正确)`;
    case 'too_small':
      if (iss.origin === 'number') return `must be at least ${iss.minimum}${u.en} (不能小于 ${iss.minimum}${u.zh})`;
      return undefined;
    case 'too_big':
      if (iss.origin === 'number') return `must be at most ${iss.maximum}${u.en} (不能大于 ${iss.maximum}${u.zh})`;
      if (iss.origin === 'array') return `at most ${iss.maximum} entries (最多 ${iss.maximum} 项)`;
      return undefined;
    case 'invalid_format':
      if (iss.format === 'url') return 'must be a full URL such as https://example.org/hook (须为完整网址)';
      return undefined;
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => String(v)).join(', ')} (取值不在允许范围内)`;
    case 'unrecognized_keys':
      return `unknown setting ${iss.keys.join(', ')} (没有这一设置项)`;
    default:
      return undefined;
  }
};

/**
 * Rules across fields, checked on a change only: a configuration stored before a rule existed still
 * loads (`configPatch` alone decides that).
 */
function crossFieldProblems(p: ConfigPatch): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const end of ['start', 'end'] as const) {
    const d = p.offline?.floodSeason?.[end];
    if (d && d.day > DAYS_IN_MONTH[d.month - 1]!) out.push({ path: `offline.floodSeason.${end}.day`, message: `${d.month}/${d.day} is not a date (${d.month} 月没有 ${d.day} 日)` });
  }
  if (p.sms?.gateway === 'http' && !p.sms.url) out.push({ path: 'sms.url', message: 'an HTTP gateway needs its URL (请填写短信网关地址)' });
  return out;
}

/** Checks a change; a refusal names every field at fault (`offline.k`) with what it must be. */
export function parsePatch(patch: unknown): ConfigPatch {
  const parsed = configPatch.safeParse(patch, { error: messages });
  const problems: FieldProblem[] = [];
  if (parsed.success) problems.push(...crossFieldProblems(parsed.data));
  else
    for (const i of parsed.error.issues) {
      // An unknown key is reported at the key itself, so a form can show it there.
      if (i.code === 'unrecognized_keys') for (const k of i.keys) problems.push({ path: [...i.path, k].join('.'), message: i.message });
      else problems.push({ path: i.path.join('.'), message: i.message });
    }
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new Invalid(`Invalid monitoring settings — ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

/** The stored changes over the defaults; each group (offline, escalation, aggregation) by its own fields. */
export function mergeConfig(overrides: ConfigPatch): MonitoringConfig {
  const d = DEFAULT_MONITORING_CONFIG;
  return {
    offline: { ...d.offline, ...overrides.offline },
    escalation: { ...d.escalation, ...overrides.escalation },
    aggregation: { ...d.aggregation, ...overrides.aggregation },
    retentionDays: overrides.retentionDays !== undefined ? overrides.retentionDays : d.retentionDays,
    tenMinuteRetentionDays: overrides.tenMinuteRetentionDays !== undefined ? overrides.tenMinuteRetentionDays : d.tenMinuteRetentionDays,
    futureToleranceSec: overrides.futureToleranceSec ?? d.futureToleranceSec,
    webhooks: overrides.webhooks ?? d.webhooks,
    sms: overrides.sms ?? d.sms,
  };
}

/** A change applied over the stored overrides: a group's fields merge, so `{offline: {k}}` keeps its other stored fields. */
export function applyPatch(overrides: ConfigPatch, patch: ConfigPatch): ConfigPatch {
  const next: ConfigPatch = { ...overrides, ...patch };
  if (patch.offline && overrides.offline) next.offline = { ...overrides.offline, ...patch.offline };
  if (patch.escalation && overrides.escalation) next.escalation = { ...overrides.escalation, ...patch.escalation };
  if (patch.aggregation && overrides.aggregation) next.aggregation = { ...overrides.aggregation, ...patch.aggregation };
  return next;
}

/** Field-by-field differences of two configurations, by dotted path ("offline.k"); lists and SMS settings whole. */
export function configDiff(before: MonitoringConfig, after: MonitoringConfig): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const walk = (a: unknown, b: unknown, path: string) => {
    const plain = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
    if (plain(a) && plain(b) && path !== 'sms') {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out[path] = { from: a ?? null, to: b ?? null };
  };
  walk(before, after, '');
  return out;
}
