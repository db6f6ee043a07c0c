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
} from '../../domain/monitoring/index.ts';
import { Invalid } from '../../domain/errors.ts';
import type { Site } from '../../store/repos/sites.ts';
import type { StoredThresholds } from '../../store/repos/monitoring/sensors.ts';
import type { SensorInput } from './sensor-inputs.ts';

type ThresholdsInput = NonNullable<SensorInput['thresholds']>;

const DAM_TYPES: readonly string[] = ['upstream', 'centerline', 'downstream', 'one_time'];

/** The template's thresholds for this pond and kind (from grade and dam type), or null where none applies. */
export function pondTemplate(site: Site, kind: SensorKind, design: SensorInput['design'] = {}) {
  if (site.kind !== 'tailings_pond' || !site.grade || !site.damType || !DAM_TYPES.includes(site.damType)) return null;
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
export function initialThresholds(site: Site, kind: SensorKind, input: ThresholdsInput | undefined, design: SensorInput['design'], by: string, at: number): StoredThresholds {
  const tpl = pondTemplate(site, kind, design);
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
