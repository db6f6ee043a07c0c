import { canSee, requirePermission, requirePerson, requirePlatformWide, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { NotFound } from '../../domain/errors.ts';
import { isWithin } from '../../domain/regions/regions.ts';
import { listQuarantine } from '../../store/repos/network/cursors.ts';
import { listIntervals, listNodes, type NodeRow } from '../../store/repos/network/nodes.ts';
import type { Deps } from '../context.ts';
import { createDirectives } from './directives.ts';
import { completeness, createHealth, dropout } from './health.ts';
import { createNodeRegistry, placeOfNode } from './nodes.ts';
import { createReceiver, type RollupSink } from './receive.ts';
import { createNetworkSettings, type NetworkSettings } from './settings.ts';
import { createOrderRouter } from './orders.ts';

export { NODE_TOKEN_PREFIX } from './nodes.ts';

const DAY = 86_400_000;

/** The network capability: registry of child nodes, the parent's side of sync, health and directives. */
export function createNetwork(deps: Deps, rollups: RollupSink) {
  const { db } = deps.store;
  const settings = createNetworkSettings(db, deps.now);
  const registry = createNodeRegistry(deps);
  const receiver = createReceiver(deps, rollups);
  const health = createHealth(deps, settings);
  const directives = createDirectives(deps);
  const orders = createOrderRouter({ nodeId: deps.nodeId, now: deps.now, level: deps.config.level, region: deps.config.region });

  const visibleNodes = async (actor: Principal) => (await listNodes(db)).filter((n) => canSee(actor, placeOfNode(n)));

  async function figures(n: NodeRow, from: number, to: number) {
    const now = deps.now();
    const d = dropout(await listIntervals(db, [n.id], from, to), from, to, now);
    const c = await completeness(db, { region: n.region_code, enterprise: n.enterprise_id }, from, Math.min(to, now));
    return { d, c };
  }

  async function present(n: NodeRow, from: number, to: number) {
    const { d, c } = await figures(n, from, to);
    return {
      id: n.id,
      level: n.level,
      region: n.region_code,
      enterprise: n.enterprise_id,
      name: n.name,
      remoteId: n.remote_id,
      parent: n.origin_node,
      online: n.online === 1,
      lastSeen: n.last_seen === null ? null : Number(n.last_seen),
      backlog: n.backlog,
      backlogAgeSec: n.backlog_age_sec,
      sensorsOnline: n.sensors_online,
      revoked: n.revoked_at !== null,
      tokenExpiresAt: n.token_expires_at == null ? null : Number(n.token_expires_at),
      registeredHere: n.token_hash !== null,
      dropoutRate: d.rate,
      offlineMs: d.offlineMs,
      completeness: c.rate,
    };
  }

  return {
    settings,
    registry,
    receiver,
    health,
    directives,
    orders,
    async load() {
      await settings.load();
    },
    async listNodes(actor: Principal, q: { from?: number; to?: number }) {
      requirePermission(actor, 'monitoring.read');
      const to = q.to ?? deps.now();
      const from = q.from ?? to - DAY;
      const nodes = await visibleNodes(actor);
      return { items: await Promise.all(nodes.map((n) => present(n, from, to))) };
    },
    /** Dropout rate and completeness for one node, or every node in a region, over a period. */
    async healthReport(actor: Principal, q: { node?: string; region?: string; from?: number; to?: number }) {
      requirePerson(actor, 'network.read');
      const to = q.to ?? deps.now();
      const from = q.from ?? to - DAY;
      const all = await visibleNodes(actor);
      let nodes: NodeRow[];
      let scope: { region?: string; enterprise?: string | null };
      if (q.node) {
        const n = all.find((x) => x.id === q.node || x.remote_id === q.node);
        if (!n) throw new NotFound(`Node ${q.node} not found (节点不存在)`);
        nodes = [n];
        scope = { region: n.region_code, enterprise: n.enterprise_id };
      } else {
        const region = q.region ?? actor.regionCode ?? deps.config.region;
        if (!canSee(actor, { regionCode: region })) throw new NotFound(`Region ${region} not found (区域不在管辖范围内)`);
        nodes = all.filter((n) => isWithin(region, n.region_code));
        scope = { region };
      }
      const d = dropout(await listIntervals(db, nodes.map((n) => n.id), from, to), from, to, deps.now());
      const c = await completeness(db, scope, from, Math.min(to, deps.now()));
      const intervals = await listIntervals(db, nodes.map((n) => n.id), from, to);
      return {
        from,
        to,
        nodes: nodes.map((n) => n.id),
        dropoutRate: d.rate,
        offlineMs: d.offlineMs,
        observedMs: d.observedMs,
        completeness: c.rate,
        readingsReceived: c.received,
        readingsExpected: c.expected,
        intervals: intervals.map((i) => ({ node: i.node_id, state: i.state, from: Number(i.started_at), to: i.ended_at === null ? null : Number(i.ended_at) })),
      };
    },
    async quarantine(actor: Principal, node: string | undefined, limit: number) {
      requirePermission(actor, 'network.manage');
      const within = scopeOf(actor).all ? undefined : (await visibleNodes(actor)).map((n) => n.id);
      return (await listQuarantine(db, node, limit, within)).map((r) => ({ id: r.id, node: r.node_id, stream: r.stream, seq: r.seq === null ? null : Number(r.seq), entity: r.entity, entityId: r.entity_id, reason: r.reason, at: Number(r.at) }));
    },
    async putSettings(actor: Principal, s: NetworkSettings) {
      requirePlatformWide(actor, 'network.manage');
      return settings.put(s);
    },
    getSettings(actor: Principal) {
      requirePermission(actor, 'monitoring.read');
      return settings.get();
    },
  };
}

export type Network = ReturnType<typeof createNetwork>;
