import { mayManagePlatform, requirePermission, requirePlatformWide, type Principal } from '../../domain/access/policy.ts';
import { redactSecrets } from '../../domain/access/secrets.ts';
import { Conflict, Invalid } from '../../domain/errors.ts';
import type { Db } from '../../store/db.ts';
import { appendChange, listChanges } from '../../store/repos/change-log.ts';
import { getSetting, swapSetting, putSetting } from '../../store/repos/settings.ts';
import { presentChange } from '../registry/enterprises.ts';
import { CONFIG_SOURCES, DEFAULT_MONITORING_CONFIG, applyPatch, configDiff, configPatch, mergeConfig, parsePatch, type ConfigPatch, type MonitoringConfig } from './settings-schema.ts';

export { CONFIG_SOURCES, DEFAULT_MONITORING_CONFIG, configPatch, type ConfigPatch, type MonitoringConfig } from './settings-schema.ts';

const KEY = 'monitoring.config';
/** Counts accepted changes: a change sent with the version it was based on is refused if another came first. */
const VERSION_KEY = 'monitoring.config.version';
/** The change log's record for these settings (变更记录). */
const ENTITY = 'settings';

/**
 * The live configuration: read once at start, replaced on every admin change. Each change is written
 * with its change-log row in one transaction. `nodeId` marks the change log's rows; without it the
 * node's id is read from the settings table, where the node keeps it from its first start.
 */
export function createMonitoringSettings(db: Db, now: () => number, nodeId?: string) {
  let overrides: ConfigPatch = {};
  let current = mergeConfig(overrides);
  let version = 0;

  function view() {
    const keys = Object.keys(DEFAULT_MONITORING_CONFIG) as (keyof MonitoringConfig)[];
    return {
      values: current,
      sources: Object.fromEntries(keys.map((k) => [k, overrides[k] !== undefined ? { source: 'settings' as const } : { source: 'default' as const, ref: CONFIG_SOURCES[k] }])),
      defaults: DEFAULT_MONITORING_CONFIG,
      version,
    };
  }

  return {
    async load() {
      const raw = await getSetting(db, KEY);
      overrides = raw ? configPatch.parse(JSON.parse(raw)) : {};
      current = mergeConfig(overrides);
      version = Number((await getSetting(db, VERSION_KEY)) ?? 0);
    },
    get: () => current,
    /** Webhook and gateway URLs carry keys: only those who may change the settings see them whole. */
    view(actor: Principal) {
      requirePermission(actor, 'monitoring.read');
      const v = view();
      return mayManagePlatform(actor, 'settings.manage') ? v : { ...v, values: redactSecrets(v.values) };
    },
    /**
     * Admin change: the fields sent replace the stored ones (a group's fields one by one). With
     * `version` (the one read) the change is refused when another was accepted since; without it,
     * it applies over whatever is stored.
     */
    async update(actor: Principal, body: Record<string, unknown>) {
      requirePlatformWide(actor, 'settings.manage');
      const { version: sent, ...rest } = body ?? {};
      if (sent !== undefined && !(typeof sent === 'number' && Number.isInteger(sent) && sent >= 0)) {
        throw new Invalid('version must be the whole number read with the settings (版本号无效)', [{ path: 'version', message: 'must be the whole number read with the settings (版本号无效)' }]);
      }
      const patch = parsePatch(rest);
      const at = now();
      const result = await db.transaction().execute(async (tx) => {
        // The stored state, not this process's copy: another request may have changed it meanwhile.
        const storedVersion = await getSetting(tx, VERSION_KEY);
        const base = Number(storedVersion ?? 0);
        if (sent !== undefined && sent !== base) {
          throw new Conflict(`The monitoring settings were changed by someone else (version ${base}, yours ${sent}); reload and retry (设置已被他人修改)`, { currentVersion: base });
        }
        const raw = await getSetting(tx, KEY);
        const before: ConfigPatch = raw ? configPatch.parse(JSON.parse(raw)) : {};
        const next = applyPatch(before, patch);
        const changes = configDiff(mergeConfig(before), mergeConfig(next));
        if (Object.keys(changes).length === 0) return { overrides: before, version: base };
        await putSetting(tx, KEY, JSON.stringify(next), at);
        if (!(await swapSetting(tx, VERSION_KEY, storedVersion, String(base + 1), at))) {
          throw new Conflict('The monitoring settings were changed at the same moment by someone else; reload and retry (设置已被他人修改)', { currentVersion: base + 1 });
        }
        const origin = nodeId ?? (await getSetting(tx, 'node.id')) ?? '';
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: ENTITY, entityId: KEY, op: 'update', changes, originNode: origin, at });
        return { overrides: next, version: base + 1 };
      });
      overrides = result.overrides;
      current = mergeConfig(overrides);
      version = result.version;
      return view();
    },
    /** Who changed which setting, from what to what, newest first (变更记录). */
    async history(actor: Principal, limit = 100, offset = 0) {
      requirePermission(actor, 'monitoring.read');
      const changes = (await listChanges(db, ENTITY, KEY, limit, offset)).map(presentChange);
      return mayManagePlatform(actor, 'settings.manage') ? changes : changes.map((c) => ({ ...c, changes: redactSecrets(c.changes) }));
    },
  };
}

export type MonitoringSettings = ReturnType<typeof createMonitoringSettings>;
