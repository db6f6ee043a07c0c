import type { Store } from '../store/db.ts';
import type { EventBus } from './events.ts';
import type { RegionIndex } from '../domain/regions/regions.ts';
import type { Config } from '../config.ts';
import type { Scheduler } from './scheduler.ts';

/** What the services share, wired once at start (src/node.ts). A service takes only what it uses. */
export interface Deps {
  store: Store;
  nodeId: string;
  config: Config;
  regions: RegionIndex;
  events: EventBus;
  now: () => number;
  /** Durable scheduled work (cron in China Standard Time); capabilities register their jobs at start. */
  scheduler: Scheduler;
}
