import { uuidv7 } from 'uuidv7';
import { requireAccess, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { ENTERPRISE_ROLES } from '../../domain/access/roles.ts';
import { SENSOR_KIND_INFO, SENSOR_KINDS, isRegulated, kindsForSite, thresholdWeakenings, thresholdsOwner, type SensorKind, type SiteKind, type ThresholdTemplate, type ThresholdsOwner, type Weakening } from '../../domain/monitoring/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findSensor, insertSensor, listSiteSensors, updateSensor, type DerivedDefinition, type Sensor, type StoredThresholds } from '../../store/repos/monitoring/sensors.ts';
import type { Site } from '../../store/repos/sites.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import type { Catalog, SitePlace } from './catalog.ts';
import type { SensorInput, SensorPatch } from './sensor-inputs.ts';
import { issuedTemplateFor } from './threshold-templates.ts';
import { createChangeRequests } from './change-requests.ts';
import { checkedRateRule, initialThresholds, overrideThresholds, pondTemplate } from './thresholds.ts';

const isEnterpriseActor = (p: Principal) => (ENTERPRISE_ROLES as readonly string[]).includes(p.role);

export const ownerOf = (s: Pick<Sensor, 'thresholds' | 'thresholdsOwner'>): ThresholdsOwner => thresholdsOwner(s.thresholdsOwner, s.thresholds.sources);

/** A new sensor's owner: the template's while a level holds its value, else who set them. */
function initialOwner(actor: Principal, t: StoredThresholds): ThresholdsOwner {
  if (Object.values(t.sources).some((x) => x?.origin === 'template')) return 'template';
  return isEnterpriseActor(actor) ? 'enterprise' : 'officer';
}

/** What a change weakens: thresholds loosened or removed, a rate rule dropped, the sensor switched off. */
function weakeningsOf(before: Pick<Sensor, 'kind' | 'thresholds' | 'rateRule' | 'disabled'>, after: Pick<Sensor, 'thresholds' | 'rateRule' | 'disabled'>): Weakening[] {
  const strip = ({ sources: _s, sumOverSec: _w, ...v }: StoredThresholds) => v;
  const out = thresholdWeakenings(strip(before.thresholds), strip(after.thresholds), SENSOR_KIND_INFO[before.kind].range);
  if (before.rateRule && !after.rateRule) out.push({ kind: 'rate_rule_removed' });
  if (after.disabled && !before.disabled) out.push({ kind: 'disabled' });
  return out;
}

export const placeOf = (s: Site): SitePlace => ({ id: s.id, code: s.code, region: s.region, enterprise: s.enterprise, kind: s.kind });

export function createSensorService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'config'>, sites: SiteService, catalog: Catalog) {
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
    const issued = await issuedTemplateFor(db, site, input.kind);
    const s: Omit<Sensor, 'key'> = {
      id: uuidv7(),
      siteId: site.id,
      code: input.code,
      name: input.name ?? null,
      kind: input.kind,
      unit: input.unit ?? info.unit,
      position: { section: input.position?.section ?? null, elevation: input.position?.elevation ?? null, x: input.position?.x ?? null, y: input.position?.y ?? null },
      expectedIntervalSec: input.expectedIntervalSec ?? info.expectedIntervalSec,
      thresholds: initialThresholds(site, input.kind, input.thresholds, input.design, actor.name, now, issued),
      rateRule: checkedRateRule(input.rateRule),
      derived: derivedOf(site, input.kind, input.derived, siblings),
      disabled: false,
      createdAt: now,
      updatedAt: now,
      version: 1,
      originNode: deps.nodeId,
    };
    s.thresholdsOwner = initialOwner(actor, s.thresholds);
    // The template is the floor from the start: an enterprise's looser values wait for approval.
    const floor = { ...s, thresholds: initialThresholds(site, input.kind, undefined, input.design, actor.name, now, issued) };
    const floored = isEnterpriseActor(actor) && isRegulated(initialOwner(actor, floor.thresholds));
    // Tighter values of its own keep the template's floor beneath them.
    if (floored) s.thresholdsOwner = 'template';
    const weak = floored && input.thresholds ? weakeningsOf(floor, s) : [];
    if (weak.length) s.thresholds = floor.thresholds;
    const key = await db.transaction().execute(async (tx) => {
      const key = await insertSensor(tx, s);
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'sensor', entityId: s.id, op: 'create', changes: { ...s, site: site.code }, originNode: deps.nodeId, at: now });
      return key;
    });
    const sensor = { ...s, key };
    catalog.put(sensor, placeOf(site));
    deps.events.publish('record.changed', { entity: 'sensor', id: s.id, op: 'create', regionCode: site.region, enterpriseId: site.enterprise });
    if (weak.length) return { ...present(sensor, site), changeRequest: await requests.open(actor, site, sensor, 'thresholds', { thresholds: input.thresholds }, weak) };
    return present(sensor, site);
  }

  /** The sensor after a patch, checked (thresholds in order, rate rule, derived source). */
  async function patched(site: Site, before: Sensor, patch: Omit<SensorPatch, 'version'>, by: string, now: number, ex: Executor = db): Promise<Sensor> {
    const siblings = new Map((await listSiteSensors(ex, site.id)).map((s) => [s.code, s]));
    return {
      ...before,
      name: patch.name !== undefined ? patch.name : before.name,
      unit: patch.unit ?? before.unit,
      expectedIntervalSec: patch.expectedIntervalSec ?? before.expectedIntervalSec,
      position: { ...before.position, ...patch.position },
      thresholds: overrideThresholds(before.thresholds, patch.thresholds, by, now),
      rateRule: patch.rateRule !== undefined ? checkedRateRule(patch.rateRule) : before.rateRule,
      derived: patch.derived !== undefined ? derivedOf(site, before.kind, patch.derived, siblings) : before.derived,
      disabled: patch.disabled ?? before.disabled,
      updatedAt: now,
      version: before.version + 1,
    };
  }

  /** Writes a changed sensor with its change-log row, and hands it to the catalogue. */
  async function write(actor: Principal, site: Site, before: Sensor, after: Sensor, op: string, changes: unknown, now: number, within?: Executor) {
    const run = async (tx: Executor) => {
      if (!(await updateSensor(tx, after, before.version))) throw new Conflict('The sensor was changed by someone else; reload and retry');
      await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'sensor', entityId: before.id, op, changes, originNode: deps.nodeId, at: now });
    };
    if (within) await run(within);
    else await db.transaction().execute(run);
    catalog.put(after, placeOf(site));
    deps.events.publish('record.changed', { entity: 'sensor', id: before.id, op, regionCode: site.region, enterpriseId: site.enterprise });
    return present(after, site);
  }

  /**
   * Edits a sensor. On a sensor whose thresholds a regulator set, an enterprise's change that weakens
   * them (or switches the sensor off) is not applied: it becomes a change request for the level above,
   * and the answer carries it (`changeRequest`) with the sensor as it stays.
   */
  async function update(actor: Principal, siteRef: string, sensorRef: string, patch: SensorPatch) {
    const site = await sites.visible(actor, siteRef);
    requireAccess(actor, 'monitoring.configure', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
    const before = await findSensor(db, site.id, sensorRef);
    if (!before) throw new NotFound(`Sensor ${sensorRef} not found on ${site.code} (测点不存在)`);
    if (patch.version !== before.version) throw new Conflict(`The sensor was changed by someone else (version ${before.version}, yours ${patch.version}); reload and retry`, { currentVersion: before.version });
    const now = deps.now();
    const { version: _v, ...changes } = patch;
    const after = await patched(site, before, changes, actor.name, now);
    const owner = ownerOf(before);
    if (isEnterpriseActor(actor) && isRegulated(owner)) {
      const weak = weakeningsOf(before, after);
      if (weak.length) return { changeRequest: await requests.open(actor, site, before, after.disabled && !before.disabled ? 'disable' : 'thresholds', changes, weak), sensor: present(before, site) };
    }
    // An officer's thresholds are the enterprise's floor from now on.
    const thresholdsOwner = patch.thresholds && !isEnterpriseActor(actor) ? 'officer' : owner;
    const view = await write(actor, site, before, { ...after, thresholdsOwner }, 'update', changes, now);
    if (after.disabled && !before.disabled && !isEnterpriseActor(actor)) await requests.open(actor, site, before, 'disable', changes, [{ kind: 'disabled' }], true);
    return view;
  }

  /**
   * Retires a sensor (拆除): it stops being monitored and keeps its history. An enterprise's retirement
   * of a regulated sensor is a change request for the level above.
   */
  async function retire(actor: Principal, siteRef: string, sensorRef: string) {
    const site = await sites.visible(actor, siteRef);
    requireAccess(actor, 'monitoring.configure', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
    const before = await findSensor(db, site.id, sensorRef);
    if (!before) throw new NotFound(`Sensor ${sensorRef} not found on ${site.code} (测点不存在)`);
    if (isEnterpriseActor(actor) && isRegulated(ownerOf(before))) {
      return { changeRequest: await requests.open(actor, site, before, 'delete', {}, [{ kind: 'retired' }]), sensor: present(before, site) };
    }
    const now = deps.now();
    const view = await write(actor, site, before, { ...before, disabled: true, updatedAt: now, version: before.version + 1 }, 'remove', { disabled: true }, now);
    if (!isEnterpriseActor(actor)) await requests.open(actor, site, before, 'delete', {}, [{ kind: 'retired' }], true);
    return view;
  }

  /** Applies an approved request on the sensor as it is now (the approver's decision, logged as theirs). */
  async function applyApproved(tx: Executor, actor: Principal, site: Site, sensorId: string, kind: string, change: Omit<SensorPatch, 'version'>) {
    const before = await findSensor(tx, site.id, sensorId);
    if (!before) throw new NotFound(`Sensor ${sensorId} not found on ${site.code} (测点不存在)`);
    const now = deps.now();
    if (kind === 'delete') return write(actor, site, before, { ...before, disabled: true, updatedAt: now, version: before.version + 1 }, 'remove', { disabled: true, approved: true }, now, tx);
    const after = await patched(site, before, change, actor.name, now, tx);
    return write(actor, site, before, { ...after, thresholdsOwner: change.thresholds ? 'officer' : ownerOf(before) }, 'update', { ...change, approved: true }, now, tx);
  }

  const requests = createChangeRequests(deps, applyApproved);

  return {
    create,
    update,
    retire,
    requests,
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
    /** The template thresholds of every sensor kind on this site, by kind. */
    async templates(actor: Principal, siteRef: string) {
      const site = await sites.visible(actor, siteRef);
      requireAccess(actor, 'monitoring.read', { regionCode: site.region, enterpriseId: site.enterprise }, 'Site');
      const out: Partial<Record<SensorKind, ThresholdTemplate>> = {};
      for (const kind of SENSOR_KINDS) {
        const t = pondTemplate(site, kind, {}, await issuedTemplateFor(db, site, kind));
        if (t) out[kind] = t;
      }
      return out;
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
    /** Who set them: a template's or an officer's thresholds are a floor the enterprise may only tighten. */
    thresholdsOwner: ownerOf(s),
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
