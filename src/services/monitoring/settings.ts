import { z } from 'zod';
import { requirePermission, type Principal } from '../../domain/access/policy.ts';
import { DEFAULT_AGGREGATION, DEFAULT_ESCALATION, DEFAULT_OFFLINE_POLICY, LEVELS, type AggregationPolicy, type EscalationPolicy, type OfflinePolicy } from '../../domain/monitoring/index.ts';
import { Invalid } from '../../domain/errors.ts';
import type { Executor } from '../../store/db.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';

/** Monitoring rule parameters, stored as data (settings key `monitoring.config`), each with its source. */
export interface MonitoringConfig {
  offline: OfflinePolicy;
  escalation: EscalationPolicy;
  aggregation: AggregationPolicy;
  /** Raw readings older than this are removed (rollups stay); null keeps them forever. */
  retentionDays: number | null;
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
  futureToleranceSec: 300,
  webhooks: [],
  sms: { gateway: 'none', minLevel: 'orange' },
};

/** Where each default comes from, shown beside the value. */
export const CONFIG_SOURCES: Record<keyof MonitoringConfig, string> = {
  offline: 'GB 51108-2015 §4.5.4, §10.0.1; k and reminders: platform defaults',
  escalation: DEFAULT_ESCALATION.source,
  aggregation: 'GB 39496-2020 §5.5.4 (item continuation to confirm)',
  retentionDays: 'platform default: keep raw readings',
  futureToleranceSec: 'platform default: 5 min of device clock drift',
  webhooks: 'platform default: none',
  sms: 'platform default: no SMS gateway configured',
};

const level = z.enum(LEVELS);
const promotion = z.strictObject({ blue: z.number().int().min(1), yellow: z.number().int().min(1), orange: z.number().int().min(1), chain: z.boolean() });
const monthDay = z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });

export const configPatch = z.strictObject({
  offline: z
    .strictObject({
      k: z.number().min(1).max(100),
      warningIntervalSec: z.number().int().min(10),
      floodSeasonIntervalSec: z.number().int().min(10),
      repairOverdueSec: z.number().int().min(60),
      reminderEverySec: z.number().int().min(60),
      levels: z.strictObject({ offline: level, siteSilent: level, repairOverdue: level }),
      floodSeason: z.strictObject({ start: monthDay, end: monthDay, source: z.string(), confirmed: z.boolean() }),
      utcOffsetMin: z.number().int().min(-720).max(840),
    })
    .partial()
    .optional(),
  escalation: z
    .strictObject({
      responseSec: z.strictObject({ blue: z.number().int().min(1), yellow: z.number().int().min(1), orange: z.number().int().min(1), red: z.number().int().min(1) }),
      maxTier: z.enum(['enterprise', 'county', 'city', 'province']),
      source: z.string(),
      confirmed: z.boolean(),
    })
    .partial()
    .optional(),
  aggregation: z.strictObject({ points: promotion, items: promotion }).partial().optional(),
  retentionDays: z.number().int().min(1).nullable().optional(),
  futureToleranceSec: z.number().int().min(0).max(86_400).optional(),
  webhooks: z.array(z.strictObject({ url: z.string().url(), minLevel: level })).max(20).optional(),
  sms: z.strictObject({ gateway: z.enum(['none', 'http']), url: z.string().url().optional(), minLevel: level }).optional(),
});
export type ConfigPatch = z.infer<typeof configPatch>;

const KEY = 'monitoring.config';

function merge(overrides: ConfigPatch): MonitoringConfig {
  const d = DEFAULT_MONITORING_CONFIG;
  return {
    offline: { ...d.offline, ...overrides.offline },
    escalation: { ...d.escalation, ...overrides.escalation },
    aggregation: { ...d.aggregation, ...overrides.aggregation },
    retentionDays: overrides.retentionDays !== undefined ? overrides.retentionDays : d.retentionDays,
    futureToleranceSec: overrides.futureToleranceSec ?? d.futureToleranceSec,
    webhooks: overrides.webhooks ?? d.webhooks,
    sms: overrides.sms ?? d.sms,
  };
}

/** The live configuration: read once at start, replaced on every admin change. */
export function createMonitoringSettings(db: Executor, now: () => number) {
  let overrides: ConfigPatch = {};
  let current = merge(overrides);

  function view() {
    const keys = Object.keys(DEFAULT_MONITORING_CONFIG) as (keyof MonitoringConfig)[];
    return {
      values: current,
      sources: Object.fromEntries(keys.map((k) => [k, overrides[k] !== undefined ? { source: 'settings' as const } : { source: 'default' as const, ref: CONFIG_SOURCES[k] }])),
      defaults: DEFAULT_MONITORING_CONFIG,
    };
  }

  return {
    async load() {
      const raw = await getSetting(db, KEY);
      overrides = raw ? configPatch.parse(JSON.parse(raw)) : {};
      current = merge(overrides);
    },
    get: () => current,
    view(actor: Principal) {
      requirePermission(actor, 'monitoring.read');
      return view();
    },
    /** Admin change; `null` for a key resets it to its default. */
    async update(actor: Principal, patch: ConfigPatch) {
      requirePermission(actor, 'settings.manage');
      const parsed = configPatch.safeParse(patch);
      if (!parsed.success) throw new Invalid('Invalid monitoring settings', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const next = { ...overrides, ...parsed.data };
      const merged = merge(next);
      await putSetting(db, KEY, JSON.stringify(next), now());
      overrides = next;
      current = merged;
      return view();
    },
  };
}

export type MonitoringSettings = ReturnType<typeof createMonitoringSettings>;
