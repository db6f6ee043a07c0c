import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from 'uuidv7';
import type { Config } from './config.ts';
import { createApp, type App } from './api/app.ts';
import { startMqttIngest, type MqttIngest } from './ingest/mqtt.ts';
import { registerRoutes } from './api/routes/index.ts';
import { RegionIndex } from './domain/regions/regions.ts';
import { SHANXI_REGIONS } from './domain/regions/shanxi.ts';
import { USER_TOKEN_PREFIX } from './services/auth/auth.ts';
import type { Deps } from './services/context.ts';
import { createEventBus } from './services/events.ts';
import { createScheduler } from './services/scheduler.ts';
import { deleteExpiredSessions } from './store/repos/sessions.ts';
import { createServices, type Services } from './services/index.ts';
import { DEVICE_TOKEN_PREFIX } from './services/monitoring/devices.ts';
import { NODE_TOKEN_PREFIX } from './services/network/index.ts';
import { startSync } from './sync/index.ts';
import { openStore, type Store } from './store/db.ts';
import { migrateToLatest } from './store/migrate.ts';
import { ensureSetting } from './store/repos/settings.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export interface Node {
  config: Config;
  store: Store;
  deps: Deps;
  services: Services;
  app: App;
  /** Set on the first start when no admin password was configured; printed once by the caller. */
  generatedAdminPassword?: string;
  /** MQTT intake, when KUANGAN_MQTT_URL is set. */
  mqtt: MqttIngest | null;
  close(): Promise<void>;
}

/** Opens the store, migrates, wires services and routes. Does not listen: see server.ts. */
export async function createNode(config: Config, opts: { now?: () => number; webDir?: string } = {}): Promise<Node> {
  const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrateToLatest(store.db);
  } catch (err) {
    await store.close();
    throw err;
  }
  const offset = config.clockOffsetMs ?? 0;
  const now = opts.now ?? (offset ? () => Date.now() + offset : Date.now);
  const nodeId = await ensureSetting(store.db, 'node.id', uuidv7(), now());
  const regions = new RegionIndex(SHANXI_REGIONS);
  const scheduler = createScheduler({ store, now });
  const deps: Deps = { store, nodeId, config, regions, events: createEventBus(), now, scheduler };
  const services = createServices(deps);
  const first = await services.users.ensureFirstAdmin(config.adminPassword);
  await services.monitoring.start();
  services.dualprev.start();
  await services.network.load();
  scheduler.register({ name: 'sessions.purge', cron: '30 3 * * *', run: async () => deleteExpiredSessions(store.db, now()) });
  scheduler.start();

  const app = await createApp({
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    webDir: opts.webDir ?? WEB_DIR,
    resolvers: {
      [USER_TOKEN_PREFIX]: async (t) => (await services.auth.authenticate(t))?.principal ?? null,
      [NODE_TOKEN_PREFIX]: (t) => services.network.registry.authenticate(t),
      [DEVICE_TOKEN_PREFIX]: (t) => services.monitoring.devices.authenticate(t),
    },
  });
  const regionName = regions.get(config.region)?.name ?? null;
  registerRoutes(app, services, deps, () => ({
    id: nodeId,
    level: config.level,
    region: config.region,
    regionName,
    name: config.nodeName ?? `${regionName ?? config.region} · 矿安`,
  }));

  const stoppers: (() => Promise<void> | void)[] = [() => scheduler.stop(), () => services.monitoring.stop()];
  const netLog = (err: unknown) => console.error('[network]', err instanceof Error ? err.message : err);
  stoppers.push(services.network.health.start(netLog), () => services.network.directives.release());
  if (config.upstream && config.nodeToken) {
    const { orders, directives } = services.network;
    stoppers.push(startSync(deps, config.upstream, config.nodeToken, netLog, { orders, wake: (children) => directives.wake(children) }));
  }
  // Last in, first stopped: MQTT acknowledges what it committed before the writer drains.
  const mqtt = config.mqttUrl ? startMqttIngest({ url: config.mqttUrl, clientId: `kuangan-${nodeId}`, ingest: services.monitoring.ingest }) : null;
  if (mqtt) stoppers.push(() => mqtt.stop());
  return {
    config,
    store,
    deps,
    services,
    app,
    generatedAdminPassword: first.generatedPassword,
    mqtt,
    async close() {
      for (const stop of stoppers.reverse()) await stop();
      await app.close();
      await store.close();
    },
  };
}
