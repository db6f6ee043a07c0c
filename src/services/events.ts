import { EventEmitter } from 'node:events';

/**
 * Side effects that follow a committed change, in one visible table. Services publish after commit;
 * subscribers (live push, notifications, uplink wake-up) listen here — never in hidden hooks.
 */
export interface EventMap {
  'record.changed': { entity: string; id: string; op: string; regionCode: string | null; enterpriseId: string | null };
  /** Readings a child forwarded that were the newest of their sensors here (not backfill), after commit: the uplink relays them ahead. */
  'readings.fresh': { readings: [seq: number, sensorId: string, ts: number, value: number][] };
  /** A parent's bootstrap of this node was written (enterprises, sites, sensors), after commit. */
  'records.bootstrapped': { directive: string };
  /** Sessions of a user ended (logout, password change, account disabled), after commit: open streams re-check their token. */
  'sessions.ended': { userId: string };
  [name: string]: unknown;
}

export interface EventBus {
  publish<K extends keyof EventMap & string>(name: K, payload: EventMap[K]): void;
  subscribe<K extends keyof EventMap & string>(name: K, fn: (payload: EventMap[K]) => void): () => void;
}

export function createEventBus(): EventBus {
  const ee = new EventEmitter();
  ee.setMaxListeners(0);
  return {
    publish(name, payload) {
      // A failing subscriber must not break the writer that already committed.
      for (const fn of ee.listeners(name)) {
        try {
          (fn as (p: unknown) => void)(payload);
        } catch (err) {
          ee.emit('error.subscriber', { name, err });
        }
      }
    },
    subscribe(name, fn) {
      ee.on(name, fn as (p: unknown) => void);
      return () => ee.off(name, fn as (p: unknown) => void);
    },
  };
}
