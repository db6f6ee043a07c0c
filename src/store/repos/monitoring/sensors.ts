import type { Executor } from '../../db.ts';
import type { Selectable } from 'kysely';
import type { SensorsTable } from './tables.ts';
import type { Level, Provenance, RateRule, SensorKind, Thresholds } from '../../../domain/monitoring/index.ts';

/** Where a threshold value came from: a template (with its cited source) or a person. */
export type ThresholdSource = ({ origin: 'template' } & Provenance) | { origin: 'manual'; by?: string; at?: number };

export interface StoredThresholds extends Thresholds {
  /** Rolling-sum window (rainfall: 24 h); the levels then apply to the sum, not single readings. */
  sumOverSec?: number;
  sources: Partial<Record<Level, ThresholdSource>>;
}

/** A quantity computed from another sensor: value = reference − source reading (freeboard, phreatic depth). */
export interface DerivedDefinition {
  type: 'freeboard' | 'phreatic_depth';
  /** Code of the measured sensor on the same site (water level, phreatic elevation). */
  from: string;
  /** Crest or beach-top elevation (freeboard), ground surface elevation (phreatic depth), m. */
  reference: number;
}

export interface Sensor {
  key: number;
  id: string;
  siteId: string;
  code: string;
  name: string | null;
  kind: SensorKind;
  unit: string;
  position: { section: string | null; elevation: number | null; x: number | null; y: number | null };
  expectedIntervalSec: number;
  thresholds: StoredThresholds;
  rateRule: RateRule | null;
  derived: DerivedDefinition | null;
  disabled: boolean;
  /** Who set the thresholds ('template', 'officer', 'enterprise'); null: read from the level sources. */
  thresholdsOwner?: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
  originNode: string;
}

export function toSensor(r: Selectable<SensorsTable>): Sensor {
  return {
    key: Number(r.key),
    id: r.id,
    siteId: r.site_id,
    code: r.code,
    name: r.name,
    kind: r.kind as SensorKind,
    unit: r.unit,
    position: { section: r.section, elevation: r.elevation, x: r.x, y: r.y },
    expectedIntervalSec: r.expected_interval_sec,
    thresholds: JSON.parse(r.thresholds) as StoredThresholds,
    rateRule: r.rate_rule ? (JSON.parse(r.rate_rule) as RateRule) : null,
    derived: r.derived ? (JSON.parse(r.derived) as DerivedDefinition) : null,
    disabled: r.disabled !== 0,
    thresholdsOwner: r.thresholds_owner ?? null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: r.version,
    originNode: r.origin_node,
  };
}

function columns(s: Omit<Sensor, 'key'>) {
  return {
    id: s.id,
    site_id: s.siteId,
    code: s.code,
    name: s.name,
    kind: s.kind,
    unit: s.unit,
    section: s.position.section,
    elevation: s.position.elevation,
    x: s.position.x,
    y: s.position.y,
    expected_interval_sec: s.expectedIntervalSec,
    thresholds: JSON.stringify(s.thresholds),
    rate_rule: s.rateRule ? JSON.stringify(s.rateRule) : null,
    derived: s.derived ? JSON.stringify(s.derived) : null,
    disabled: s.disabled ? 1 : 0,
    ...(s.thresholdsOwner !== undefined ? { thresholds_owner: s.thresholdsOwner } : {}),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    version: s.version,
    origin_node: s.originNode,
  };
}

/** Inserts the sensor and returns its local key. */
export async function insertSensor(db: Executor, s: Omit<Sensor, 'key'>): Promise<number> {
  const r = await db.insertInto('sensors').values(columns(s)).returning('key').executeTakeFirstOrThrow();
  return Number(r.key);
}

export async function updateSensor(db: Executor, s: Sensor, expectedVersion: number): Promise<boolean> {
  const r = await db.updateTable('sensors').set(columns(s)).where('id', '=', s.id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A sensor of a site by its id or its code. */
export async function findSensor(db: Executor, siteId: string, idOrCode: string): Promise<Sensor | undefined> {
  const r = await db
    .selectFrom('sensors')
    .selectAll()
    .where('site_id', '=', siteId)
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  return r && toSensor(r);
}

export async function listSiteSensors(db: Executor, siteId: string): Promise<Sensor[]> {
  const rows = await db.selectFrom('sensors').selectAll().where('site_id', '=', siteId).orderBy('code').execute();
  return rows.map(toSensor);
}

/** Every sensor with its site's placement: what the in-memory catalogue loads at start. */
export async function listAllSensors(db: Executor, keys?: readonly number[]) {
  let q = db
    .selectFrom('sensors')
    .innerJoin('sites', 'sites.id', 'sensors.site_id')
    .selectAll('sensors')
    .select(['sites.code as site_code', 'sites.region_code as site_region', 'sites.enterprise_id as site_enterprise', 'sites.kind as site_kind']);
  if (keys) {
    if (keys.length === 0) return [];
    q = q.where('sensors.key', 'in', keys as number[]);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ sensor: toSensor(r), site: { id: r.site_id, code: r.site_code, region: r.site_region, enterprise: r.site_enterprise, kind: r.site_kind } }));
}

/** Every sensor's key and version, and a cheap fingerprint of them (count, sum of versions, highest key). */
export async function sensorVersions(db: Executor) {
  return (await db.selectFrom('sensors').select(['key', 'version']).execute()).map((r) => ({ key: Number(r.key), version: Number(r.version) }));
}

export async function sensorsFingerprint(db: Executor): Promise<string> {
  const r = await db
    .selectFrom('sensors')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('version').as('v'), eb.fn.max('key').as('k')])
    .executeTakeFirst();
  return `${r?.n ?? 0}|${r?.v ?? 0}|${r?.k ?? 0}`;
}

/**
 * The sensors of some sites in key order, each with the time of its newest stored reading (one probe
 * of the readings index per sensor): what a node sees of sensors whose readings are forwarded to it.
 */
export async function listSensorsLastSeen(db: Executor, siteIds: readonly string[]) {
  if (siteIds.length === 0) return [];
  const rows = await db
    .selectFrom('sensors')
    .select(['key', 'id', 'site_id', 'code', 'kind', 'expected_interval_sec', 'disabled', 'created_at', 'derived'])
    .select((eb) => eb.selectFrom('readings').select('readings.ts').whereRef('readings.sensor_key', '=', 'sensors.key').orderBy('readings.ts', 'desc').limit(1).as('last_ts'))
    .where('site_id', 'in', siteIds as string[])
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    key: Number(r.key),
    id: r.id,
    siteId: r.site_id,
    code: r.code,
    kind: r.kind as SensorKind,
    expectedIntervalSec: r.expected_interval_sec,
    disabled: r.disabled !== 0,
    derivedFrom: r.derived ? (JSON.parse(r.derived) as DerivedDefinition).from : null,
    createdAt: Number(r.created_at),
    lastSeen: r.last_ts === null || r.last_ts === undefined ? null : Number(r.last_ts),
  }));
}
