// The monitoring settings page's rules, kept apart from the page so they can be tested alone.
export type Level = 'blue' | 'yellow' | 'orange' | 'red';
export const LEVELS: Level[] = ['blue', 'yellow', 'orange', 'red'];
export const TIERS = ['enterprise', 'county', 'city', 'province'] as const;

interface MonthDay {
  month: number;
  day: number;
}
interface Promotion {
  blue: number;
  yellow: number;
  orange: number;
  chain: boolean;
}

/** GET /api/v1/monitoring/settings → values (the server's MonitoringConfig). */
export interface MonitoringConfig {
  offline: {
    k: number;
    warningIntervalSec: number;
    floodSeasonIntervalSec: number;
    repairOverdueSec: number;
    reminderEverySec: number;
    stationGraceSec: number;
    levels: { offline: Level; siteSilent: Level; repairOverdue: Level };
    floodSeason: { start: MonthDay; end: MonthDay; source: string; confirmed: boolean };
    utcOffsetMin: number;
  };
  escalation: { responseSec: Record<Level, number>; maxTier: (typeof TIERS)[number]; source: string; confirmed: boolean };
  aggregation: { points: Promotion; items: Promotion; source: string; confirmed: boolean };
  retentionDays: number | null;
  tenMinuteRetentionDays: number | null;
  futureToleranceSec: number;
  webhooks: { url: string; minLevel: Level }[];
  sms: { gateway: 'none' | 'http'; url?: string; minLevel: Level };
}

export type Source = { source: 'settings' } | { source: 'default'; ref: string };

export interface SettingsView {
  values: MonitoringConfig;
  sources: Record<keyof MonitoringConfig, Source>;
  defaults: MonitoringConfig;
  version: number;
}

/** The unit a stored number is shown in: seconds become minutes, hours or days where people think in those. */
export interface ShownUnit {
  /** Stored value = shown value × scale. */
  scale: number;
  /** i18n key of the unit under mon.settings.unit. */
  unit: 'min' | 'h' | 'd' | 'times' | 'count';
}

const MIN: ShownUnit = { scale: 60, unit: 'min' };
const HOUR: ShownUnit = { scale: 3600, unit: 'h' };
const DAY_SEC: ShownUnit = { scale: 86_400, unit: 'd' };
const DAYS: ShownUnit = { scale: 1, unit: 'd' };
const COUNT: ShownUnit = { scale: 1, unit: 'count' };

/** Every number of the settings by its path, with the unit it is shown in. */
export const UNITS: Record<string, ShownUnit> = {
  'escalation.responseSec.red': MIN,
  'escalation.responseSec.orange': MIN,
  'escalation.responseSec.yellow': MIN,
  'escalation.responseSec.blue': MIN,
  'offline.k': { scale: 1, unit: 'times' },
  'offline.warningIntervalSec': MIN,
  'offline.floodSeasonIntervalSec': MIN,
  'offline.repairOverdueSec': DAY_SEC,
  'offline.reminderEverySec': HOUR,
  'offline.stationGraceSec': MIN,
  'offline.utcOffsetMin': { scale: 1, unit: 'min' },
  'aggregation.points.blue': COUNT,
  'aggregation.points.yellow': COUNT,
  'aggregation.points.orange': COUNT,
  'aggregation.items.blue': COUNT,
  'aggregation.items.yellow': COUNT,
  'aggregation.items.orange': COUNT,
  retentionDays: DAYS,
  tenMinuteRetentionDays: DAYS,
  futureToleranceSec: MIN,
};

/** A stored number as shown (7200 s → 2 h); null stays null. */
export function toShown(stored: number | null | undefined, u: ShownUnit): number | null {
  if (stored === null || stored === undefined) return null;
  return Math.round((stored / u.scale) * 1e6) / 1e6;
}

/** A shown number as stored, in whole seconds where the server counts seconds. */
export function fromShown(shown: number | null | undefined, u: ShownUnit): number | null {
  if (shown === null || shown === undefined || Number.isNaN(shown)) return null;
  return u.scale === 1 ? shown : Math.round(shown * u.scale);
}

const plain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The form's values laid over the settings they were read from: a form only returns the fields it
 * shows, and the server needs its groups' inner objects whole.
 */
export function overlay<T>(original: T, values: unknown): T {
  if (values === undefined) return original;
  if (plain(original) && plain(values)) {
    const out: Record<string, unknown> = { ...original };
    for (const [k, v] of Object.entries(values)) out[k] = overlay(original[k], v);
    return out as T;
  }
  return values as T;
}

/** What the form holds, cleaned as the server expects it: no empty SMS URL, no blanks around URLs. */
export function cleaned(c: MonitoringConfig): MonitoringConfig {
  const sms = { ...c.sms, url: c.sms.url?.trim() };
  if (!sms.url) delete sms.url;
  return { ...c, sms, webhooks: (c.webhooks ?? []).map((w) => ({ ...w, url: (w.url ?? '').trim() })) };
}

/** Groups whose fields the server takes one by one; their inner objects (levels, flood season) go whole. */
const GROUPS = ['offline', 'escalation', 'aggregation'] as const;

/** The body of the PATCH: only what changed, without the version. */
export function settingsPatch(original: MonitoringConfig, edited: MonitoringConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of Object.keys(edited) as (keyof MonitoringConfig)[]) {
    const before: unknown = original[key];
    const after: unknown = edited[key];
    if ((GROUPS as readonly string[]).includes(key) && plain(before) && plain(after)) {
      const part: Record<string, unknown> = {};
      for (const k of Object.keys(after)) if (!same(before[k], after[k])) part[k] = after[k];
      if (Object.keys(part).length) out[key] = part;
    } else if (!same(before, after)) out[key] = after;
  }
  return out;
}

/** Every leaf path of a (partial) form value, for clearing a field's server error when it changes. */
export function leafPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => (x === undefined ? [] : leafPaths(x, [...prefix, i])));
  if (plain(v)) return Object.entries(v).flatMap(([k, x]) => leafPaths(x, [...prefix, k]));
  return [prefix];
}

/**
 * The server writes a refusal in English with the Chinese in brackets ("must be at least 1 d (不能小于 1 天)");
 * each language shows its own half, and a message without that shape shows whole.
 */
export function localMessage(message: string, lang: string): string {
  const m = /^(.*\S)\s*[(（]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]$/s.exec(message);
  if (!m) return message;
  return lang === 'en' ? m[1]! : m[2]!;
}
