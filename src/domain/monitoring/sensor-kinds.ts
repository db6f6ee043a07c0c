/**
 * The catalogue of monitored quantities (监测项目). A sensor carries one kind; its unit, direction and
 * expected interval default from here and may be overridden per sensor.
 *
 * Sources: GB 39496-2020 §5.5.2 (pond items), GB 51108-2015 §4.5.4 (pond sampling: normal state
 * 10 min … 24 h), 金属非金属地下矿山感知数据接入规范(试行) 2023 (underground environment every 20 s,
 * personnel every 30 s). The physical ranges are plausibility bounds chosen for this platform, wide
 * enough for any real device, to refuse values that cannot be measurements (a unit mix-up, a
 * sentinel such as -9999, a stuck register).
 */
export type SiteKind = 'tailings_pond' | 'underground' | 'open_pit';
/** 'above': larger is worse (water level, rainfall); 'below': smaller is worse (freeboard, beach). */
export type Direction = 'above' | 'below';

export const SENSOR_KINDS = [
  'water_level',
  'freeboard',
  'beach_length',
  'beach_slope',
  'phreatic_depth',
  'phreatic_elevation',
  'surface_displacement',
  'internal_displacement',
  'landslide_displacement',
  'rainfall',
  'seepage_flow',
  'pore_pressure',
  'turbidity',
  'ground_pressure',
  'people_underground',
  'slope_displacement',
  'gas_co',
  'gas_o2',
  'gas_h2s',
  'video_status',
] as const;
export type SensorKind = (typeof SENSOR_KINDS)[number];

export interface SensorKindInfo {
  kind: SensorKind;
  zh: string;
  en: string;
  unit: string;
  direction: Direction;
  /** Inclusive bounds; a reading outside is refused at intake as impossible. */
  range: readonly [min: number, max: number];
  /** Default interval between readings in the normal state. */
  expectedIntervalSec: number;
  siteKinds: readonly SiteKind[];
  /**
   * Measured by a total station or GNSS: GB 51108 §4.5.4 requires these at least every 30 minutes
   * inside a warning area.
   */
  geodetic: boolean;
  /** A long run of identical values is normal here (no rain, nobody underground), not a stuck sensor. */
  flatIsNormal: boolean;
}

const POND: readonly SiteKind[] = ['tailings_pond'];
const UNDERGROUND: readonly SiteKind[] = ['underground'];
const OPEN_PIT: readonly SiteKind[] = ['open_pit'];
const ALL: readonly SiteKind[] = ['tailings_pond', 'underground', 'open_pit'];

type Row = Omit<SensorKindInfo, 'kind' | 'geodetic' | 'flatIsNormal'> & { geodetic?: boolean; flatIsNormal?: boolean };

// Elevations are metres above sea level (China's highest mines sit near 5,000 m).
const ELEVATION: readonly [number, number] = [-500, 9000];
const DISPLACEMENT: readonly [number, number] = [-10_000, 10_000];

const TABLE: Record<SensorKind, Row> = {
  water_level: { zh: '库水位', en: 'Pond water level', unit: 'm', direction: 'above', range: ELEVATION, expectedIntervalSec: 600, siteKinds: POND },
  freeboard: { zh: '安全超高', en: 'Freeboard', unit: 'm', direction: 'below', range: [-50, 500], expectedIntervalSec: 600, siteKinds: POND },
  beach_length: { zh: '干滩长度', en: 'Dry beach length', unit: 'm', direction: 'below', range: [0, 10_000], expectedIntervalSec: 3600, siteKinds: POND },
  // A flatter beach gives less freeboard for the same beach length, so smaller is worse.
  beach_slope: { zh: '干滩坡度', en: 'Dry beach slope', unit: '%', direction: 'below', range: [0, 100], expectedIntervalSec: 3600, siteKinds: POND },
  phreatic_depth: { zh: '浸润线埋深', en: 'Phreatic line depth', unit: 'm', direction: 'below', range: [0, 500], expectedIntervalSec: 3600, siteKinds: POND },
  phreatic_elevation: { zh: '浸润线高程', en: 'Phreatic line elevation', unit: 'm', direction: 'above', range: ELEVATION, expectedIntervalSec: 3600, siteKinds: POND },
  surface_displacement: { zh: '表面位移', en: 'Surface displacement', unit: 'mm', direction: 'above', range: DISPLACEMENT, expectedIntervalSec: 3600, siteKinds: ALL, geodetic: true },
  internal_displacement: { zh: '内部位移', en: 'Internal displacement', unit: 'mm', direction: 'above', range: DISPLACEMENT, expectedIntervalSec: 3600, siteKinds: ['tailings_pond', 'open_pit'] },
  landslide_displacement: { zh: '库区滑坡体位移', en: 'Landslide displacement (pond area)', unit: 'mm', direction: 'above', range: DISPLACEMENT, expectedIntervalSec: 3600, siteKinds: POND, geodetic: true },
  rainfall: { zh: '降雨量', en: 'Rainfall', unit: 'mm', direction: 'above', range: [0, 1000], expectedIntervalSec: 600, siteKinds: ALL, flatIsNormal: true },
  seepage_flow: { zh: '渗流量', en: 'Seepage flow', unit: 'L/s', direction: 'above', range: [0, 100_000], expectedIntervalSec: 600, siteKinds: POND },
  pore_pressure: { zh: '孔隙水压力', en: 'Pore water pressure', unit: 'kPa', direction: 'above', range: [-100, 10_000], expectedIntervalSec: 3600, siteKinds: POND },
  turbidity: { zh: '浑浊度', en: 'Turbidity', unit: 'NTU', direction: 'above', range: [0, 10_000], expectedIntervalSec: 600, siteKinds: POND },
  ground_pressure: { zh: '地压', en: 'Ground pressure', unit: 'MPa', direction: 'above', range: [-100, 500], expectedIntervalSec: 300, siteKinds: UNDERGROUND },
  people_underground: { zh: '井下人数', en: 'People underground', unit: 'persons', direction: 'above', range: [0, 5000], expectedIntervalSec: 30, siteKinds: UNDERGROUND, flatIsNormal: true },
  slope_displacement: { zh: '边坡位移', en: 'Slope displacement', unit: 'mm', direction: 'above', range: DISPLACEMENT, expectedIntervalSec: 3600, siteKinds: OPEN_PIT, geodetic: true },
  gas_co: { zh: '一氧化碳浓度', en: 'Carbon monoxide', unit: 'ppm', direction: 'above', range: [0, 10_000], expectedIntervalSec: 20, siteKinds: UNDERGROUND, flatIsNormal: true },
  gas_o2: { zh: '氧气浓度', en: 'Oxygen', unit: '%', direction: 'below', range: [0, 100], expectedIntervalSec: 20, siteKinds: UNDERGROUND, flatIsNormal: true },
  gas_h2s: { zh: '硫化氢浓度', en: 'Hydrogen sulphide', unit: 'ppm', direction: 'above', range: [0, 10_000], expectedIntervalSec: 20, siteKinds: UNDERGROUND, flatIsNormal: true },
  // 1 = picture present, 0 = lost; smaller is worse.
  video_status: { zh: '视频状态', en: 'Video status', unit: '', direction: 'below', range: [0, 1], expectedIntervalSec: 60, siteKinds: ALL, flatIsNormal: true },
};

export const SENSOR_KIND_INFO: Readonly<Record<SensorKind, SensorKindInfo>> = Object.fromEntries(
  SENSOR_KINDS.map((kind) => {
    const row = TABLE[kind];
    return [kind, { ...row, kind, geodetic: row.geodetic ?? false, flatIsNormal: row.flatIsNormal ?? false }];
  }),
) as Record<SensorKind, SensorKindInfo>;

export function isSensorKind(x: unknown): x is SensorKind {
  return typeof x === 'string' && (SENSOR_KINDS as readonly string[]).includes(x);
}

export function sensorKindInfo(kind: SensorKind): SensorKindInfo {
  return SENSOR_KIND_INFO[kind];
}

/** Kinds that may be installed on a site of the given kind. */
export function kindsForSite(site: SiteKind): SensorKind[] {
  return SENSOR_KINDS.filter((k) => SENSOR_KIND_INFO[k].siteKinds.includes(site));
}

/**
 * Why a value cannot be a real reading of this kind, or null when it is plausible. Intake puts the
 * reason into the `rejected` list of the telemetry answer.
 */
export function implausibleReason(kind: SensorKind, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'value is not a finite number';
  const { range, unit } = SENSOR_KIND_INFO[kind];
  const [min, max] = range;
  if (value < min || value > max) {
    return `value ${value} is outside the physical range of ${kind} [${min}, ${max}]${unit ? ` ${unit}` : ''}`;
  }
  return null;
}
