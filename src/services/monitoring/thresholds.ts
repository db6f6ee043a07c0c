import {
  LEVELS,
  assertThresholds,
  sensorKindInfo,
  templateFor,
  validateRateRule,
  type DamType,
  type Grade,
  type RateRule,
  type SensorKind,
  type ThresholdTemplate,
} from '../../domain/monitoring/index.ts';
import { Invalid } from '../../domain/errors.ts';
import type { Site } from '../../store/repos/sites.ts';
import type { StoredThresholds } from '../../store/repos/monitoring/sensors.ts';
import type { SensorInput } from './sensor-inputs.ts';

type ThresholdsInput = NonNullable<SensorInput['thresholds']>;

const DAM_TYPES: readonly string[] = ['upstream', 'centerline', 'downstream', 'one_time'];

/** Whether a site has the grade and dam type that templates are chosen by. */
export function isTemplatedPond(site: Site): site is Site & { grade: number; damType: DamType } {
  return site.kind === 'tailings_pond' && !!site.grade && !!site.damType && DAM_TYPES.includes(site.damType);
}

/**
 * The template's thresholds for this pond and kind (from grade and dam type), or null where none
 * applies. A template issued from above or set here (`issued`) comes first; the built-in default only
 * lends it its summing window when it has none.
 */
export function pondTemplate(site: Site, kind: SensorKind, design: SensorInput['design'] = {}, issued?: ThresholdTemplate | null): ThresholdTemplate | null {
  if (!isTemplatedPond(site)) return null;
  const builtIn = builtInTemplate(site, kind, design);
  if (!issued) return builtIn;
  const sumOverSec = issued.sumOverSec ?? builtIn?.sumOverSec;
  return sumOverSec ? { ...issued, sumOverSec } : issued;
}

function builtInTemplate(site: Site & { grade: number; damType: DamType }, kind: SensorKind, design: SensorInput['design'] = {}) {
  return templateFor({
    grade: site.grade as Grade,
    damType: site.damType as DamType,
    kind,
    damHeight: site.damHeight ?? undefined,
    seismic: design?.seismic,
    phreaticMinDepth: design?.phreaticMinDepth,
    landslideRed: design?.landslideRed,
  });
}

/**
 * Thresholds for a new sensor: the template's values with their sources, overridden level by level
 * by what the user sent (source 'manual'; null removes a level).
 */
export function initialThresholds(
  site: Site,
  kind: SensorKind,
  input: ThresholdsInput | undefined,
  design: SensorInput['design'],
  by: string,
  at: number,
  issued?: ThresholdTemplate | null,
): StoredThresholds {
  const tpl = pondTemplate(site, kind, design, issued);
  const out: StoredThresholds = { direction: input?.direction ?? tpl?.direction ?? sensorKindInfo(kind).direction, sources: {} };
  if (tpl) {
    for (const l of LEVELS) {
      const v = tpl[l];
      const prov = tpl.provenance[l];
      if (typeof v === 'number') (out[l] = v), (out.sources[l] = { origin: 'template', ...(prov ?? { source: 'template', confirmed: false }) });
    }
    if (tpl.sumOverSec) out.sumOverSec = tpl.sumOverSec;
  }
  return overrideThresholds(out, input, by, at);
}

/** Applies a user's threshold changes on top of the stored ones; each changed level becomes 'manual'. */
export function overrideThresholds(base: StoredThresholds, input: ThresholdsInput | undefined, by: string, at: number): StoredThresholds {
  const out: StoredThresholds = { ...base, sources: { ...base.sources } };
  if (!input) return checked(out);
  for (const l of LEVELS) {
    const v = input[l];
    if (v === undefined) continue;
    if (v === null) {
      delete out[l];
      delete out.sources[l];
    } else {
      out[l] = v;
      out.sources[l] = { origin: 'manual', by, at };
    }
  }
  if (input.direction) out.direction = input.direction;
  if (input.hysteresis !== undefined) out.hysteresis = input.hysteresis;
  if (input.minDurationSec !== undefined) out.minDurationSec = input.minDurationSec;
  if (input.minCount !== undefined) out.minCount = input.minCount;
  if (input.sumOverSec !== undefined) {
    if (input.sumOverSec === null) delete out.sumOverSec;
    else out.sumOverSec = input.sumOverSec;
  }
  return checked(out);
}

/**
 * Moves the levels that still hold template values to a new template; a level set by a person stays.
 * A template level the new one lacks is removed. Null when nothing changes; Invalid when the mix of
 * kept manual levels and new template levels is not a valid rule (e.g. out of order).
 */
export function reapplyTemplate(base: StoredThresholds, tpl: ThresholdTemplate): StoredThresholds | null {
  const out: StoredThresholds = { ...base, sources: { ...base.sources } };
  const manual = LEVELS.some((l) => out[l] !== undefined && out.sources[l]?.origin !== 'template');
  let changed = false;
  for (const l of LEVELS) {
    if (out.sources[l]?.origin !== 'template') continue;
    const v = tpl[l];
    const prov = tpl.provenance[l] ?? { source: 'template', confirmed: false };
    const source = { origin: 'template' as const, ...prov };
    if (v === out[l] && JSON.stringify(source) === JSON.stringify(out.sources[l])) continue;
    changed = true;
    if (typeof v === 'number') {
      out[l] = v;
      out.sources[l] = source;
    } else {
      delete out[l];
      delete out.sources[l];
    }
  }
  if (!manual && out.direction !== tpl.direction) {
    out.direction = tpl.direction;
    changed = true;
  }
  return changed ? checked(out) : null;
}

function checked(t: StoredThresholds): StoredThresholds {
  const { sources: _s, sumOverSec: _w, ...values } = t;
  assertThresholds(values);
  return t;
}

export function checkedRateRule(r: RateRule | null | undefined): RateRule | null {
  if (!r) return null;
  const problems = validateRateRule(r, 'rateRule');
  if (problems.length) throw new Invalid(`Invalid rate rule: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  return r;
}
