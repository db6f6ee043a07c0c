import { z } from 'zod';
import type { Executor } from '../../store/db.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';

/** Link timing, stored as data: the parent tells its children how often to beat. */
export const networkSettingsSchema = z.strictObject({
  /** How often a child sends a heartbeat, s. */
  heartbeatSec: z.number().int().min(1).max(3600),
  /** A child missing this many heartbeats in a row is offline (掉线). */
  missedBeats: z.number().int().min(1).max(100),
});
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = { heartbeatSec: 10, missedBeats: 3 };

const KEY = 'network.settings';

export function createNetworkSettings(db: Executor, now: () => number) {
  let current: NetworkSettings = DEFAULT_NETWORK_SETTINGS;
  return {
    async load() {
      const raw = await getSetting(db, KEY);
      if (raw) current = { ...DEFAULT_NETWORK_SETTINGS, ...networkSettingsSchema.partial().parse(JSON.parse(raw)) };
      return current;
    },
    get: () => current,
    async put(next: NetworkSettings) {
      current = networkSettingsSchema.parse(next);
      await putSetting(db, KEY, JSON.stringify(current), now());
      return current;
    },
    /** After this long without contact a child is offline. */
    offlineAfterMs: () => current.heartbeatSec * current.missedBeats * 1000,
  };
}
export type NetworkSettingsStore = ReturnType<typeof createNetworkSettings>;
