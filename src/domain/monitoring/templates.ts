/**
 * Default threshold templates for tailings ponds. GB 39496-2020 §5.5.4 makes the designer give every
 * item's values; these defaults fill a new pond's sensors until the design's values are entered, and
 * each value carries where it comes from and whether that source has been checked.
 *
 * What was looked up (public mirrors of the standards):
 * - GB 50863-2013 §4.2.1–4.2.2 (gf.cabr-fire.com/article-61076.htm): the clause texts are confirmed —
 *   upstream dams: beach crest above the design flood level ≥ Table 4.2.1's minimum freeboard, and
 *   beach ≥ its minimum dry-beach length; note 1: for dams of class 3 and below, proven seepage-stable,
 *   the beach minimum may be cut by up to 30 %; note 2: earthquake zones also follow GB 50191.
 *   Downstream and centre-line dams: crest-edge-to-waterline distance "宜" follow Table 4.2.2, crest
 *   height above the design flood level follows Table 4.2.1's freeboard. The tables themselves are
 *   images on every mirror found, so THE NUMBERS BELOW ARE NOT CONFIRMED (they are the values commonly
 *   cited from AQ 2006-2005 / GB 50863; domain-sources.md §1.5 [U]).
 * - GB 51108-2015 commentary §8.3.3–8.3.8 (m.jianbiaoku.com/webarbs/book/77001/4723623.shtml),
 *   confirmed: displacement thresholds are per dam (method only); phreatic-line red = GB 50863's
 *   minimum burial depth (interpolate by height), orange = 1.1 × red; freeboard and beach minimums
 *   from GB 50863 tables, their orange set empirically from the flood-regulation storage; water levels
 *   straight from the design; rainfall yellow = the rain-storm amount of the weather service; landslide
 *   displacement orange = 80 % of red. The phreatic minimum-depth table was not found in text either,
 *   so its values are supplied by the caller (from the design), never guessed here.
 */
import { Invalid } from '../errors.ts';
import type { Level } from './levels.ts';
import { sensorKindInfo, type SensorKind } from './sensor-kinds.ts';
import type { Thresholds } from './thresholds.ts';

export type DamType = 'upstream' | 'centerline' | 'downstream' | 'one_time';
/** Pond grade (等别) 1–5; the main structures' class (构筑物级别) equals it (GB 50863 §3.2.2). */
export type Grade = 1 | 2 | 3 | 4 | 5;

export interface Provenance {
  source: string;
  confirmed: boolean;
  note?: string;
}

export interface ThresholdTemplate extends Thresholds {
  provenance: Partial<Record<Level, Provenance>>;
  /** When set, the thresholds apply to the rolling sum over this window, not to single readings. */
  sumOverSec?: number;
}

export interface TemplateInput {
  grade: Grade;
  damType: DamType;
  kind: SensorKind;
  /** Dam height (m), for the earthquake-zone beach rule. */
  damHeight?: number;
  /** The pond lies in an earthquake zone. */
  seismic?: boolean;
  /** Design minimum burial depth of the phreatic line (m), read from GB 50863's table for this dam. */
  phreaticMinDepth?: number;
  /** Design red threshold for landslide displacement in the pond area (mm). */
  landslideRed?: number;
  /** Reduction of the upstream beach minimum (0–30 %), class 3–5 dams proven seepage-stable only. */
  beachReductionPct?: number;
}

const UNCONFIRMED_TABLE = 'table values as commonly cited (AQ 2006-2005 / GB 50863-2013); the standard’s table is an image not yet read';

/** Minimum freeboard (m) by dam class, GB 50863-2013 Table 4.2.1. */
export const MIN_FREEBOARD: Readonly<Record<Grade, number>> = { 1: 1.5, 2: 1.0, 3: 0.7, 4: 0.5, 5: 0.4 };
/** Minimum dry beach (m), upstream dams, GB 50863-2013 Table 4.2.1. */
export const MIN_BEACH_UPSTREAM: Readonly<Record<Grade, number>> = { 1: 150, 2: 100, 3: 70, 4: 50, 5: 40 };
/** Minimum dry beach (m), downstream and centre-line dams, GB 50863-2013 Table 4.2.2. */
export const MIN_BEACH_DOWNSTREAM: Readonly<Record<Grade, number>> = { 1: 100, 2: 70, 3: 50, 4: 35, 5: 25 };

const SRC = {
  freeboard: 'GB 51108-2015 条文说明 §8.3.5 / GB 50863-2013 §4.2.1 表4.2.1, 待核实',
  freeboardOther: 'GB 50863-2013 §4.2.2（坝顶与设计洪水位高差符合表4.2.1）/ GB 51108-2015 条文说明 §8.3.5, 待核实',
  beachUp: 'GB 51108-2015 条文说明 §8.3.5 / GB 50863-2013 §4.2.1 表4.2.1, 待核实',
  beachDown: 'GB 51108-2015 条文说明 §8.3.5 / GB 50863-2013 §4.2.2 表4.2.2, 待核实',
  seismic: 'GB 50863-2013 表4.2.1 注2 → GB 50191-2012 构筑物抗震设计规范, 待核实',
  phreaticRed: 'GB 51108-2015 条文说明 §8.3.4 / GB 50863-2013 浸润线最小埋深表（设计取值）',
  phreaticOrange: 'GB 51108-2015 条文说明 §8.3.4：橙色 = 1.1 × 红色',
  rainfall: 'GB 51108-2015 条文说明 §8.3.7（暴雨级降水量）；GB/T 28592-2012 暴雨：24 h 降水量 ≥ 50 mm',
  landslideRed: 'GB 51108-2015 条文说明 §8.3.8（红色阈值由设计给出）',
  landslideOrange: 'GB 51108-2015 条文说明 §8.3.8：橙色 = 红色 × 80%',
} as const;

function checkGrade(grade: number): asserts grade is Grade {
  if (![1, 2, 3, 4, 5].includes(grade)) throw new Invalid(`grade must be 1–5, got ${grade}`, [{ path: 'grade', message: 'must be 1–5' }]);
}

/**
 * The default thresholds for one item of a pond, with per-level provenance; null where the standards
 * give no default (water level, displacement: design- and baseline-specific) or where the design value
 * they depend on is not supplied.
 */
export function templateFor(input: TemplateInput): ThresholdTemplate | null {
  checkGrade(input.grade);
  const direction = sensorKindInfo(input.kind).direction;
  switch (input.kind) {
    case 'freeboard':
      return freeboardTemplate(input, direction);
    case 'beach_length':
      return beachTemplate(input, direction);
    case 'phreatic_depth':
      return phreaticTemplate(input, direction);
    case 'rainfall':
      return { direction, yellow: 50, sumOverSec: 86_400, provenance: { yellow: { source: SRC.rainfall, confirmed: true } } };
    case 'landslide_displacement':
      return landslideTemplate(input, direction);
    default:
      return null;
  }
}

function freeboardTemplate(input: TemplateInput, direction: Thresholds['direction']): ThresholdTemplate {
  const red = MIN_FREEBOARD[input.grade];
  const provenance: Provenance =
    input.damType === 'upstream'
      ? { source: SRC.freeboard, confirmed: false, note: UNCONFIRMED_TABLE }
      : {
          source: SRC.freeboardOther,
          confirmed: false,
          note:
            input.damType === 'one_time'
              ? 'lower bound only: a water-retaining or one-time dam adds wind set-up and wave run-up (§4.2.3) from its design'
              : UNCONFIRMED_TABLE,
        };
  // Orange comes from the flood-regulation storage of each pond (GB 51108 §8.3.5): no default.
  return { direction, red, provenance: { red: provenance } };
}

function beachTemplate(input: TemplateInput, direction: Thresholds['direction']): ThresholdTemplate | null {
  // A one-time dam holds water against the dam; the dry-beach rules are for tailings-built dams.
  if (input.damType === 'one_time') return null;
  const upstream = input.damType === 'upstream';
  let red = upstream ? MIN_BEACH_UPSTREAM[input.grade] : MIN_BEACH_DOWNSTREAM[input.grade];
  let provenance: Provenance = { source: upstream ? SRC.beachUp : SRC.beachDown, confirmed: false, note: UNCONFIRMED_TABLE };
  const cut = input.beachReductionPct ?? 0;
  if (cut !== 0) {
    if (!upstream || input.grade < 3 || cut < 0 || cut > 30) {
      throw new Invalid('beachReductionPct is allowed only for upstream dams of class 3–5, between 0 and 30 (GB 50863 表4.2.1 注1)', [
        { path: 'beachReductionPct', message: 'class 3–5 upstream dams only, 0–30' },
      ]);
    }
    red = round(red * (1 - cut / 100));
    provenance = { ...provenance, note: `${provenance.note}; reduced by ${cut}% after a seepage-stability proof (表4.2.1 注1)` };
  }
  if (input.seismic) {
    // Earthquake zones: not shorter than the dam height, nor than 40 m (as cited; to confirm in GB 50191).
    const seismicMin = Math.max(40, input.damHeight ?? 0);
    if (seismicMin > red) {
      red = seismicMin;
      provenance = { source: SRC.seismic, confirmed: false, note: 'earthquake zone: beach ≥ dam height and ≥ 40 m' };
    }
  }
  return { direction, red, provenance: { red: provenance } };
}

function phreaticTemplate(input: TemplateInput, direction: Thresholds['direction']): ThresholdTemplate | null {
  let red = input.phreaticMinDepth;
  let redProv: Provenance = { source: SRC.phreaticRed, confirmed: true, note: 'value supplied from the design' };
  if (input.seismic) {
    const seismicMin = input.grade <= 3 ? 6 : 4;
    if (red === undefined || seismicMin > red) {
      red = seismicMin;
      redProv = { source: SRC.seismic, confirmed: false, note: 'earthquake zone: phreatic depth ≥ 6 m (class 1–3), ≥ 4 m (class 4–5)' };
    }
  }
  if (red === undefined) return null;
  if (!(Number.isFinite(red) && red > 0)) throw new Invalid('phreaticMinDepth must be a number > 0', [{ path: 'phreaticMinDepth', message: 'must be > 0' }]);
  return {
    direction,
    orange: round(red * 1.1),
    red,
    provenance: { orange: { source: SRC.phreaticOrange, confirmed: true }, red: redProv },
  };
}

function landslideTemplate(input: TemplateInput, direction: Thresholds['direction']): ThresholdTemplate | null {
  const red = input.landslideRed;
  if (red === undefined) return null;
  if (!(Number.isFinite(red) && red > 0)) throw new Invalid('landslideRed must be a number > 0', [{ path: 'landslideRed', message: 'must be > 0' }]);
  return {
    direction,
    orange: round(red * 0.8),
    red,
    provenance: {
      orange: { source: SRC.landslideOrange, confirmed: true },
      red: { source: SRC.landslideRed, confirmed: true, note: 'value supplied from the design' },
    },
  };
}

/**
 * Linear interpolation in a (dam height → minimum depth) table such as GB 50863's phreatic table, as
 * GB 51108 §8.3.4 allows for intermediate heights; clamps outside the table.
 */
export function interpolateByHeight(table: readonly (readonly [height: number, value: number])[], height: number): number {
  if (table.length === 0) throw new Invalid('the table is empty');
  const rows = [...table].sort((a, b) => a[0] - b[0]);
  if (height <= rows[0]![0]) return rows[0]![1];
  for (let i = 1; i < rows.length; i++) {
    const [h1, v1] = rows[i]!;
    const [h0, v0] = rows[i - 1]!;
    if (height <= h1) return round(v0 + ((v1 - v0) * (height - h0)) / (h1 - h0));
  }
  return rows[rows.length - 1]![1];
}

/** Threshold arithmetic in decimals (1.1 × 4 = 4.4, not 4.4000000000000004). */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
