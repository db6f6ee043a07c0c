import type { Deps } from '../services/context.ts';
import type { OrderRouter } from '../services/network/orders.ts';
import { createParentClient } from './client.ts';
import { startDownlink } from './downlink.ts';
import { startUplink } from './uplink.ts';

/** Starts the links to the parent (uplink push, downlink pull); returns their stop function. */
export function startSync(
  deps: Pick<Deps, 'store' | 'nodeId' | 'now' | 'events'>,
  upstream: string,
  token: string,
  log: (err: unknown) => void,
  down: { orders?: OrderRouter; wake?: (children: string[]) => void } = {},
) {
  const client = createParentClient(upstream, token);
  const common = { store: deps.store, client, nodeId: deps.nodeId, now: deps.now, onError: log };
  const up = startUplink({ ...common, events: deps.events });
  const downlink = startDownlink({ ...common, events: deps.events, ...down });
  return async () => {
    await Promise.all([up.stop(), downlink.stop()]);
    client.close();
  };
}
