import type { Sensor } from '../../store/repos/monitoring/sensors.ts';

export interface SitePlace {
  id: string;
  code: string;
  region: string;
  enterprise: string;
  kind: string;
}

/** A sensor as the write path needs it: resolved once, looked up per reading without touching the store. */
export interface CatalogEntry {
  sensor: Sensor;
  site: SitePlace;
  /** Sensors computed from this one (freeboard from water level, phreatic depth from its elevation). */
  dependents: CatalogEntry[];
}

/**
 * The in-memory sensor catalogue: site code → sensor code → entry, and local key → entry. Loaded at
 * start and kept current by the sensor service, so that intake validates a reading with two map
 * look-ups.
 */
export function createCatalog() {
  const bySite = new Map<string, Map<string, CatalogEntry>>();
  const byKey = new Map<number, CatalogEntry>();
  const siteById = new Map<string, SitePlace>();
  const byId = new Map<string, CatalogEntry>();

  function relink(siteCode: string) {
    const sensors = bySite.get(siteCode);
    if (!sensors) return;
    for (const e of sensors.values()) e.dependents = [];
    for (const e of sensors.values()) {
      const d = e.sensor.derived;
      if (!d || e.sensor.disabled) continue;
      const source = sensors.get(d.from);
      if (source && source !== e) source.dependents.push(e);
    }
  }

  return {
    put(sensor: Sensor, site: SitePlace) {
      const old = byKey.get(sensor.key);
      if (old && old.sensor.code !== sensor.code) bySite.get(old.site.code)?.delete(old.sensor.code);
      const entry: CatalogEntry = { sensor, site, dependents: [] };
      let m = bySite.get(site.code);
      if (!m) bySite.set(site.code, (m = new Map()));
      m.set(sensor.code, entry);
      byKey.set(sensor.key, entry);
      byId.set(sensor.id, entry);
      siteById.set(site.id, site);
      relink(site.code);
    },
    /** The site moved or was renamed: rebind its sensors. */
    putSite(site: SitePlace) {
      const old = siteById.get(site.id);
      if (!old) return;
      const sensors = bySite.get(old.code);
      if (!sensors) return;
      bySite.delete(old.code);
      bySite.set(site.code, sensors);
      siteById.set(site.id, site);
      for (const e of sensors.values()) e.site = site;
    },
    get(siteCode: string, sensorCode: string): CatalogEntry | undefined {
      return bySite.get(siteCode)?.get(sensorCode);
    },
    byId(id: string): CatalogEntry | undefined {
      return byId.get(id);
    },
    site(id: string): SitePlace | undefined {
      return siteById.get(id);
    },
    byKey(key: number): CatalogEntry | undefined {
      return byKey.get(key);
    },
    siteSensors(siteId: string): CatalogEntry[] {
      const site = siteById.get(siteId);
      return site ? [...(bySite.get(site.code)?.values() ?? [])] : [];
    },
    sites(): SitePlace[] {
      return [...siteById.values()];
    },
    all(): IterableIterator<CatalogEntry> {
      return byKey.values();
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
