import { uuidv7 } from 'uuidv7';
import type { Principal } from '../../domain/access/policy.ts';
import { scopePrefix } from '../../domain/regions/regions.ts';
import { newAlarm } from '../../domain/monitoring/new-alarm.ts';
import type { Executor } from '../../store/db.ts';
import { resetCursors } from '../../store/repos/network/cursors.ts';
import { closeInterval, findNode, findOpenInterval, listOwnChildren, openInterval, updateNode, type IntervalRow, type NodeRow } from '../../store/repos/network/nodes.ts';
import type { HeartbeatBody } from '../../domain/network/protocol.ts';
import type { Deps } from '../context.ts';
import type { NetworkSettingsStore } from './settings.ts';

/** Seen-time updates closer together than this are not written (every write travels upward). */
const TOUCH_EVERY_MS = 1000;

/**
 * Health of the children, measured rather than assumed: contact marks a child online, missed
 * heartbeats mark it offline (with an alarm), and every online/offline stretch is recorded.
 */
export function createHealth(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'config'>, settings: NetworkSettingsStore) {
  const { db } = deps.store;

  async function switchState(tx: Executor, n: NodeRow, state: 'online' | 'offline', at: number) {
    const open = await findOpenInterval(tx, n.id);
    if (open) await closeInterval(tx, open.id, Math.max(at, Number(open.started_at)));
    await openInterval(tx, { id: uuidv7(), node_id: n.id, state, started_at: at, ended_at: null, version: 1, origin_node: deps.nodeId });
  }

  /** Any request from the child counts as contact. */
  async function contact(p: Principal, remoteId: string, beat?: HeartbeatBody) {
    const now = deps.now();
    await db.transaction().execute(async (tx) => {
      const n = await findNode(tx, p.id);
      if (!n) return;
      const set: Parameters<typeof updateNode>[2] = {};
      if (n.remote_id !== remoteId) {
        // A reinstalled child starts its sequences again: forget how far its old streams got.
        if (n.remote_id) await resetCursors(tx, n.id);
        set.remote_id = remoteId;
      }
      if (n.first_seen === null) set.first_seen = now;
      if (beat) Object.assign(set, { backlog: beat.backlog, backlog_age_sec: Math.round(beat.backlogAgeSec), sensors_online: beat.sensorsOnline });
      // Silent past the limit while still marked online (this node was down itself, or its check did not
      // run yet): the silence is an outage all the same, from the last contact.
      const silentSince = n.online && n.last_seen !== null && now - Number(n.last_seen) > settings.offlineAfterMs() ? Number(n.last_seen) : null;
      if (silentSince !== null) await switchState(tx, n, 'offline', silentSince);
      if (!n.online || silentSince !== null) {
        set.online = 1;
        await switchState(tx, n, 'online', now);
        await recoverAlarm(tx, n.id, now);
      }
      const stale = n.last_seen === null || now - Number(n.last_seen) >= TOUCH_EVERY_MS;
      if (stale || Object.keys(set).length) await updateNode(tx, n.id, { ...set, last_seen: now });
    });
  }

  async function raiseAlarm(tx: Executor, n: NodeRow, since: number, now: number) {
    await tx
      .insertInto('alarms')
      .values(
        newAlarm({
          id: uuidv7(),
          // A node alarm has no site: the node's id stands in its place.
          siteId: n.id,
          sensorId: null,
          regionCode: n.region_code,
          enterpriseId: n.enterprise_id ?? '',
          kind: 'network',
          level: 'yellow',
          message: `下级节点 ${n.name} 掉线：${settings.get().missedBeats} 次心跳未到 (node offline)`,
          openedAt: since,
          tier: deps.config.level,
          now,
          originNode: deps.nodeId,
        }),
      )
      .execute();
  }

  async function recoverAlarm(tx: Executor, nodeId: string, now: number) {
    await tx
      .updateTable('alarms')
      .set({ recovered_at: now, current_level: null, updated_at: now })
      .where('kind', '=', 'network')
      .where('site_id', '=', nodeId)
      .where('recovered_at', 'is', null)
      .execute();
  }

  /** Marks offline every child silent for longer than the missed-beat limit; the outage starts at its last contact. */
  async function check(): Promise<string[]> {
    const now = deps.now();
    const limit = settings.offlineAfterMs();
    const gone: string[] = [];
    for (const n of await listOwnChildren(db)) {
      if (!n.online || n.last_seen === null || now - Number(n.last_seen) <= limit) continue;
      await db.transaction().execute(async (tx) => {
        const fresh = await findNode(tx, n.id);
        if (!fresh?.online || now - Number(fresh.last_seen) <= limit) return;
        const since = Number(fresh.last_seen);
        await updateNode(tx, n.id, { online: 0 });
        await switchState(tx, fresh, 'offline', since);
        await raiseAlarm(tx, fresh, since, now);
        gone.push(n.id);
      });
    }
    return gone;
  }

  return {
    contact,
    heartbeat: (p: Principal, b: HeartbeatBody) => contact(p, b.node, b),
    check,
    /** Runs the offline check every second from durable state (last contact in the store). */
    start(onError: (err: unknown) => void): () => void {
      let stopped = false;
      let running: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        if (stopped) return;
        running = check().catch(onError);
      }, 1000);
      return async () => {
        stopped = true;
        clearInterval(timer);
        await running;
      };
    },
  };
}

/** Offline time ÷ observed time in [from, to), over the recorded intervals of one or more nodes. */
export function dropout(intervals: readonly IntervalRow[], from: number, to: number, now: number): { offlineMs: number; observedMs: number; rate: number | null } {
  const byNode = new Map<string, IntervalRow[]>();
  for (const i of intervals) byNode.set(i.node_id, [...(byNode.get(i.node_id) ?? []), i]);
  let offlineMs = 0;
  let observedMs = 0;
  for (const list of byNode.values()) {
    const start = Math.max(from, Math.min(...list.map((i) => Number(i.started_at))));
    const end = Math.min(to, now);
    if (end <= start) continue;
    observedMs += end - start;
    for (const i of list) {
      if (i.state !== 'offline') continue;
      const a = Math.max(start, Number(i.started_at));
      const b = Math.min(end, i.ended_at === null ? end : Number(i.ended_at));
      if (b > a) offlineMs += b - a;
    }
  }
  return { offlineMs, observedMs, rate: observedMs > 0 ? offlineMs / observedMs : null };
}

/** Readings received ÷ readings expected from each sensor's interval, for sensors in a scope, over [from, to). */
export async function completeness(db: Executor, scope: { region?: string; enterprise?: string | null }, from: number, to: number) {
  let sq = db
    .selectFrom('sensors')
    .innerJoin('sites', 'sites.id', 'sensors.site_id')
    .select(['sensors.key', 'sensors.expected_interval_sec', 'sensors.created_at'])
    .where('sensors.disabled', '=', 0)
    .where('sensors.derived', 'is', null);
  if (scope.enterprise) sq = sq.where('sites.enterprise_id', '=', scope.enterprise);
  else if (scope.region) sq = sq.where('sites.region_code', 'like', `${scopePrefix(scope.region)}%`);
  const sensors = await sq.execute();
  let expected = 0;
  for (const s of sensors) {
    const start = Math.max(from, Number(s.created_at));
    if (to > start) expected += Math.floor((to - start) / (s.expected_interval_sec * 1000));
  }
  let received = 0;
  const keys = sensors.map((s) => Number(s.key));
  for (let i = 0; i < keys.length; i += 500) {
    const r = await db
      .selectFrom('readings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sensor_key', 'in', keys.slice(i, i + 500))
      .where('ts', '>=', from)
      .where('ts', '<', to)
      .executeTakeFirst();
    received += Number(r?.n ?? 0);
  }
  return { received, expected, rate: expected > 0 ? Math.min(1, received / expected) : null };
}
