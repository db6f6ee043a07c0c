import { uuidv7 } from 'uuidv7';
import { requireAccess, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { SENSOR_KIND_INFO, kindsForSite, type SensorKind, type SiteKind } from '../../domain/monitoring/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findSensor, insertSensor, listSiteSensors, updateSensor, type DerivedDefinition, type Sensor } from '../../store/repos/monitoring/sensors.ts';
import type { Site } from '../../store/repos/sites.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import type { Catalog, SitePlace } from './catalog.ts';
import type { SensorInput, SensorPatch } from './sensor-inputs.ts';
import { issuedTemplateFor } from './threshold-templates.ts';
import { checkedRateRule, initialThresholds, overrideThresholds, pondTemplate } from './thresholds.ts';

export const placeOf = (s: Site): SitePlace => ({ id: s.id, code: s.code, region: s.region, enterprise: s.enterprise, kind: s.kind });

export function createSensorService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>, sites: SiteService, catalog: Catalog) {
  const { db } = deps.store;

  function derivedOf(site: Site, kind: SensorKind, d: SensorInput['derived'], siblings: Map<string, Sensor>): DerivedDefinition | null {
    if (!d) return null;
    const source = siblings.get(d.from);
    const want = d.type === 'freeboard' ? 'water_level' : 'phreatic_elevation';
    if (kind !== d.type) throw new Invalid(`A ${d.type} definition belongs on a ${d.type} sensor, not ${kind}`, [{ path: 'derived.type', message: `must match kind ${kind}` }]);
    if (!source || source.kind !== want) throw new Invalid(`derived.from must name a ${want} sensor of this site`, [{ path: 'derived.from', message: `no ${want} sensor ${d.from}` }]);
    const reference = d.reference ?? (d.type === 'freeboard' ? site.crestElevation : null);
    if (reference === null || reference === undefined) throw new Invalid('derived.reference is required (crest or surface elevation, m)', [{ path: 'derived.reference', message: 'required' }]);
    return { type: d.type, from: d.from, reference };
  }

  async function create(actor: Principal, siteRef: string, input: SensorInput) {
    const site = await sites.visible(actor, siteRef);
    requireAccess(actor, 'monitoring.configure', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
    if (!kindsForSite(site.kind as SiteKind).includes(input.kind)) {
      throw new Invalid(`${input.kind} is not monitored on a ${site.kind}`, [{ path: 'kind', message: `not for ${site.kind}` }]);
    }
    const now = deps.now();
    const info = SENSOR_KIND_INFO[input.kind];
    const siblings = new Map((await listSiteSensors(db, site.id)).map((s) => [s.code, s]));
    if (siblings.has(input.code)) throw new Conflict(`Sensor code ${input.code} is taken on ${site.code} (测点编号重复)`, [{ path: 'code', message: 'already exists' }]);
    const s: Omit<Sensor, 'key'> = {
      id: uuidv7(),
      siteId: site.id,
      code: input.code,
      name: input.name ?? null,
      kind: input.kind,
      unit: input.unit ?? info.unit,
      position: { section: input.position?.section ?? null, elevation: input.position?.elevation ?? null, x: input.position?.x ?? null, y: input.position?.y ?? null },
      expectedIntervalSec: input.expectedIntervalSec ?? info.expectedIntervalSec,
      thresholds: initialThresholds(site, input.kind, input.thresholds, input.design, actor.name, now, await issuedTemplateFor(db, site, input.kind)),
      rateRule: checkedRateRule(input.rateRule),
      derived: derivedOf(site, input.kind, input.derived, siblings),
      disabled: false,
      createdAt: now,
      updatedAt: now,
      version: 1,
      originNode: deps.nodeId,
    };
    const key = await db.transaction().execute(async (tx) => {
      const key = await insertSensor(tx, s);
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'sensor', entityId: s.id, op: 'create', changes: { ...s, site: site.code }, originNode: deps.nodeId, at: now });
      return key;
    });
    const sensor = { ...s, key };
    catalog.put(sensor, placeOf(site));
    deps.events.publish('record.changed', { entity: 'sensor', id: s.id, op: 'create', regionCode: site.region, enterpriseId: site.enterprise });
    return present(sensor, site);
  }

  async function update(actor: Principal, siteRef: string, sensorRef: string, patch: SensorPatch) {
    const site = await sites.visible(actor, siteRef);
    requireAccess(actor, 'monitoring.configure', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
    const before = await findSensor(db, site.id, sensorRef);
    if (!before) throw new NotFound(`Sensor ${sensorRef} not found on ${site.code} (测点不存在)`);
    if (patch.version !== before.version) throw new Conflict(`The sensor was changed by someone else (version ${before.version}, yours ${patch.version}); reload and retry`, { currentVersion: before.version });
    const now = deps.now();
    const siblings = new Map((await listSiteSensors(db, site.id)).map((s) => [s.code, s]));
    const after: Sensor = {
      ...before,
      name: patch.name !== undefined ? patch.name : before.name,
      unit: patch.unit ?? before.unit,
      expectedIntervalSec: patch.expectedIntervalSec ?? before.expectedIntervalSec,
      position: { ...before.position, ...patch.position },
      thresholds: overrideThresholds(before.thresholds, patch.thresholds, actor.name, now),
      rateRule: patch.rateRule !== undefined ? checkedRateRule(patch.rateRule) : before.rateRule,
      derived: patch.derived !== undefined ? derivedOf(site, before.kind, patch.derived, siblings) : before.derived,
      disabled: patch.disabled ?? before.disabled,
      updatedAt: now,
      version: before.version + 1,
    };
    await db.transaction().execute(async (tx) => {
      if (!(await updateSensor(tx, after, before.version))) throw new Conflict('The sensor was changed by someone else; reload and retry');
      const { version: _v, ...changes } = patch;
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'sensor', entityId: before.id, op: 'update', changes, originNode: deps.nodeId, at: now });
    });
    catalog.put(after, placeOf(site));
    deps.events.publish('record.changed', { entity: 'sensor', id: before.id, op: 'update', regionCode: site.region, enterpriseId: site.enterprise });
    return present(after, site);
  }

  return {
    create,
    update,
    async list(actor: Principal, siteRef: string) {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      return (await listSiteSensors(db, site.id)).map((s) => present(s, site));
    },
    async get(actor: Principal, siteRef: string, sensorRef: string) {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      const s = await findSensor(db, site.id, sensorRef);
      if (!s) throw new NotFound(`Sensor ${sensorRef} not found on ${site.code} (测点不存在)`);
      return { site, sensor: s, view: present(s, site) };
    },
    /** The thresholds a new sensor of this kind on this site would start from, with their sources. */
    async template(actor: Principal, siteRef: string, kind: SensorKind) {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      return pondTemplate(site, kind, {}, await issuedTemplateFor(db, site, kind));
    },
  };
}

/** The sensor as the API shows it: threshold values, and beside them where each came from. */
export function present(s: Sensor, site: { code: string }) {
  const { sources, ...values } = s.thresholds;
  return {
    id: s.id,
    key: s.key,
    site: site.code,
    siteId: s.siteId,
    code: s.code,
    name: s.name,
    kind: s.kind,
    unit: s.unit,
    position: s.position,
    expectedIntervalSec: s.expectedIntervalSec,
    thresholds: values,
    thresholdSources: sources,
    rateRule: s.rateRule,
    derived: s.derived,
    disabled: s.disabled,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    version: s.version,
  };
}

export type SensorView = ReturnType<typeof present>;
export type SensorService = ReturnType<typeof createSensorService>;
