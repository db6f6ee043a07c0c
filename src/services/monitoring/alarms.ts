import { uuidv7 } from 'uuidv7';
import { canSee, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { Conflict, Forbidden, NotFound } from '../../domain/errors.ts';
import { ALARM_STATES, AlarmActionForbidden, IllegalAlarmTransition, TRANSMISSION_KINDS, alarmCategory, allowedActions, emergencyStepsFor, stepDue, transition, type SensorKind, type AlarmCategory, type Actor, type AlarmAction, type AlarmState, type Cause, type Level, type LoopAlarm, type Tier } from '../../domain/monitoring/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { findAlarm, findAlarms, insertAlarmAction, listAlarmActions, listAlarms, updateAlarm, type AlarmQuery, type AlarmRow } from '../../store/repos/monitoring/alarms.ts';
import type { Deps } from '../context.ts';
import type { Catalog } from './catalog.ts';
import { pointId } from './plan.ts';
import type { Writer } from './writer.ts';
import type { MonitoringSettings } from './settings.ts';
import { createAlarmOrders, type Network } from './alarm-orders.ts';

/** An alarm changed (opened, escalated, recovered, acknowledged, …): published after commit for the live push. */
export interface AlarmChanged {
  alarm: AlarmView;
  regionCode: string;
  enterpriseId: string;
}

declare module '../events.ts' {
  interface EventMap {
    'alarm.changed': AlarmChanged;
    /** An analysis found real danger (险情), after commit: the supervising levels are told at once. */
    'alarm.danger': AlarmChanged;
  }
}

export function toLoop(r: AlarmRow): LoopAlarm {
  return {
    state: r.state as AlarmState,
    level: r.level as Level,
    openedAt: Number(r.opened_at),
    acknowledgedAt: r.acknowledged_at === null ? null : Number(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    analysedAt: r.analysed_at === null ? null : Number(r.analysed_at),
    analysedBy: r.analysed_by,
    cause: r.cause as Cause | null,
    measures: r.measures,
    verifiedAt: r.verified_at === null ? null : Number(r.verified_at),
    verifiedBy: r.verified_by,
    closedAt: r.closed_at === null ? null : Number(r.closed_at),
    closedBy: r.closed_by,
    tier: r.tier as Tier,
    escalatedAt: r.escalated_at === null ? null : Number(r.escalated_at),
  };
}

export function fromLoop(l: LoopAlarm) {
  return {
    state: l.state,
    level: l.level,
    acknowledged_at: l.acknowledgedAt,
    acknowledged_by: l.acknowledgedBy,
    analysed_at: l.analysedAt,
    analysed_by: l.analysedBy,
    cause: l.cause,
    measures: l.measures,
    verified_at: l.verifiedAt,
    verified_by: l.verifiedBy,
    closed_at: l.closedAt,
    closed_by: l.closedBy,
    tier: l.tier,
    escalated_at: l.escalatedAt,
  };
}

const n = (v: number | null) => (v === null ? null : Number(v));

export function presentAlarm(r: AlarmRow, catalog: Catalog) {
  const sensor = r.sensor_id ? catalog.byId(r.sensor_id) : undefined;
  // A network alarm (a child node offline) has no site: its row holds the node's id there, named in `node`.
  const isNode = r.kind === 'network';
  return {
    id: r.id,
    site: isNode ? null : (catalog.site(r.site_id)?.code ?? r.site_id),
    siteId: isNode ? null : r.site_id,
    node: isNode ? r.site_id : null,
    sensor: sensor?.sensor.code ?? null,
    sensorId: r.sensor_id,
    sensorKind: sensor?.sensor.kind ?? null,
    region: r.region_code,
    enterprise: r.enterprise_id || null,
    kind: r.kind,
    /** safety: a GB 39496 four-colour warning; transmission: 数据中断, shown apart and never counted by level. */
    category: alarmCategory(r.kind),
    level: r.level as Level,
    currentLevel: r.current_level as Level | null,
    state: r.state as AlarmState,
    value: r.value,
    message: r.message,
    openedAt: Number(r.opened_at),
    recoveredAt: n(r.recovered_at),
    relapses: r.relapses,
    acknowledgedAt: n(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    analysedAt: n(r.analysed_at),
    analysedBy: r.analysed_by,
    cause: r.cause,
    measures: r.measures,
    verifiedAt: n(r.verified_at),
    verifiedBy: r.verified_by,
    closedAt: n(r.closed_at),
    closedBy: r.closed_by,
    tier: r.tier,
    escalatedAt: n(r.escalated_at),
    updatedAt: Number(r.updated_at),
  };
}
export type AlarmView = ReturnType<typeof presentAlarm>;

/** The loop's typed errors, as the HTTP layer maps them (it maps by class name: 409 and 403). */
function step(alarm: LoopAlarm, action: AlarmAction, actor: Actor, now: number): LoopAlarm {
  try {
    return transition(alarm, action, actor, now);
  } catch (err) {
    if (err instanceof IllegalAlarmTransition) throw new Conflict(err.message, err.details, err.code);
    if (err instanceof AlarmActionForbidden) throw new Forbidden(err.message, err.code);
    throw err;
  }
}

function actorOf(p: Principal): Actor {
  if (p.kind !== 'user') throw new Forbidden('Only people handle alarms');
  return { kind: 'user', id: p.id, role: p.role };
}

const OTHER_KINDS = [...TRANSMISSION_KINDS, 'quality'];

function categoryFilter(category: AlarmCategory | 'warning' | undefined): Pick<AlarmQuery, 'kinds' | 'notKinds'> {
  if (category === 'warning') return { notKinds: TRANSMISSION_KINDS };
  if (category === 'transmission') return { kinds: TRANSMISSION_KINDS };
  if (category === 'quality') return { kinds: ['quality'] };
  if (category === 'safety') return { notKinds: OTHER_KINDS };
  return {};
}

/** The alarm list as a page asks for it: a site by id or code, states comma-separated, a region by its full code. */
export interface AlarmSearch {
  site?: string;
  /** Comma-separated states; `live` stands for every state but closed; unknown names are ignored. */
  state?: string;
  level?: Level;
  kind?: string;
  category?: AlarmCategory;
  region?: string;
  limit: number;
  offset: number;
}

/** A site nothing has: an unknown site finds no alarms rather than all of them. */
const NO_SITE = '\u0000none';

function statesAsked(state: string | undefined): string[] | undefined {
  const states = state?.split(',').filter((s) => (ALARM_STATES as readonly string[]).includes(s) || s === 'live');
  return states?.flatMap((s) => (s === 'live' ? ALARM_STATES.filter((x) => x !== 'closed') : [s]));
}

const PERMISSION_OF = { ack: 'alarm.respond', analyse: 'alarm.respond', verify: 'alarm.verify', reject: 'alarm.verify', close: 'alarm.verify', escalate: 'alarm.verify', comment: 'monitoring.read' } as const;

export function createAlarmService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events' | 'config'>, catalog: Catalog, writer: Writer, settings: MonitoringSettings) {
  const { db } = deps.store;
  const sensorKindOf = (r: AlarmRow): SensorKind | null => (r.sensor_id ? (catalog.byId(r.sensor_id)?.sensor.kind ?? null) : null);
  const log = (err: unknown) => console.error('[alarms]', err);
  const orders = createAlarmOrders({
    db,
    nodeId: deps.nodeId,
    level: deps.config.level,
    now: deps.now,
    afterApplied: (row, action) => {
      afterClosed(row);
      publish([row.id])
        .then(() => (action.type === 'analyse' && action.cause === 'danger' ? announceDanger(row.id) : undefined))
        .catch(log);
    },
  });

  /** An analysis found real danger: the typed event the notifier tells the supervising levels from. */
  async function announceDanger(id: string) {
    const r = await findAlarm(db, id);
    if (r) deps.events.publish('alarm.danger', { alarm: presentAlarm(r, catalog), regionCode: r.region_code, enterpriseId: r.enterprise_id });
  }

  /** A closed threshold or rate alarm: its point forgets it at the writer's next commit. */
  function afterClosed(r: Pick<AlarmRow, 'id' | 'state' | 'sensor_id' | 'kind'>) {
    if (r.state !== 'closed' || !r.sensor_id || (r.kind !== 'threshold' && r.kind !== 'rate')) return;
    const e = catalog.byId(r.sensor_id);
    if (e) writer.alarmClosed(r.id, pointId(e.sensor.key, r.kind === 'rate' ? 'rate' : 'value'));
  }

  async function visible(actor: Principal, id: string): Promise<AlarmRow> {
    const r = await findAlarm(db, id);
    if (!r || !canSee(actor, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new NotFound(`Alarm ${id} not found (预警不存在)`);
    return r;
  }

  /** Publishes the current rows of these alarms to the live push. */
  async function publish(ids: readonly string[]) {
    for (const r of await findAlarms(db, [...new Set(ids)])) {
      deps.events.publish('alarm.changed', { alarm: presentAlarm(r, catalog), regionCode: r.region_code, enterpriseId: r.enterprise_id });
    }
  }

  return {
    publish,
    async list(actor: Principal, q: Omit<AlarmQuery, 'scope' | 'kinds' | 'notKinds'> & { category?: AlarmCategory }) {
      requirePermission(actor, 'monitoring.read');
      const { category, ...rest } = q;
      // A level asked for alone means warnings of that colour: data interruptions are not among them.
      const filter = categoryFilter(category ?? (q.level ? 'warning' : undefined));
      const r = await listAlarms(db, { ...rest, ...filter, scope: scopeOf(actor) });
      return { items: r.items.map((a) => presentAlarm(a, catalog)), total: r.total };
    },
    /** Alarms matching the list page's filter: the site looked up, `live` expanded, the region cut to its prefix. */
    search(actor: Principal, q: AlarmSearch) {
      const { site, state, region, ...rest } = q;
      const siteId = site ? (catalog.sites().find((s) => s.id === site || s.code === site)?.id ?? NO_SITE) : undefined;
      return this.list(actor, { ...rest, site: siteId, state: statesAsked(state), region: region?.replace(/(00)+$/, '') });
    },
    async get(actor: Principal, id: string) {
      requirePermission(actor, 'monitoring.read');
      const r = await visible(actor, id);
      const history = (await listAlarmActions(db, id)).map((a) => {
        const details = a.details ? JSON.parse(a.details) : null;
        // Who acted in what capacity: the role, and the level of the node the person acted at.
        return { at: Number(a.at), action: a.action, by: a.actor_name, byId: a.actor_id, role: details?.role ?? null, level: details?.level ?? null, note: a.note, details };
      });
      const actions = actor.kind === 'user' ? allowedActions(toLoop(r), actorOf(actor)) : [];
      // Actions taken here on an alarm owned below, on their way to its owner until its update arrives.
      const pendingOrders = await orders.pending(id);
      // Real danger found by the analysis: the emergency steps stand beside the alarm.
      const emergencySteps = r.cause === 'danger' ? emergencyStepsFor(sensorKindOf(r), r.level as Level) : [];
      return { ...presentAlarm(r, catalog), ownedHere: r.origin_node === deps.nodeId, history, allowedActions: actions, pendingOrders, emergencySteps, deadline: stepDue(toLoop(r), settings.get().escalation) };
    },
    /** Registers the `alarm.act` order handler: where the network is wired, once at start. */
    connect(network: Network) {
      orders.connect(network);
    },
    /** One step of the handling loop (叫应 → 研判 → 核查 → 关闭), recorded and logged in one transaction. */
    /**
     * One step of the handling loop (叫应 → 研判 → 核查 → 关闭), or a comment. On an alarm this node owns,
     * recorded and logged in one transaction; on one owned below, checked against the copy here and
     * sent down to its owner as an order (`pending` in the answer, HTTP 202) — one state at every level.
     */
    async act(actor: Principal, id: string, action: AlarmAction) {
      const before = await visible(actor, id);
      requirePermission(actor, PERMISSION_OF[action.type]);
      const now = deps.now();
      const after = step(toLoop(before), action, actorOf(actor), now);
      if (orders.remote(before)) {
        const sent = await orders.send(actor, before, action);
        if (!sent.appliedHere) return { ...(await this.get(actor, id)), pending: { orderId: sent.orderId, action: action.type } };
        await publish([id]);
        return this.get(actor, id);
      }
      const set = { ...fromLoop(after), updated_at: now };
      const note = 'note' in action ? (action.note ?? null) : null;
      const who = { role: actor.role, level: deps.config.level, node: deps.nodeId };
      await db.transaction().execute(async (tx) => {
        if (!(await updateAlarm(tx, id, before.state, set))) throw new NotFound('The alarm changed meanwhile; reload and retry');
        await insertAlarmAction(tx, { id: uuidv7(), alarm_id: id, at: now, actor_id: actor.id, actor_name: actor.name, action: action.type, note, details: JSON.stringify({ ...action, ...who }) });
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'alarm', entityId: id, op: action.type, changes: { ...action, state: after.state }, originNode: deps.nodeId, at: now });
      });
      afterClosed({ ...before, state: after.state });
      await publish([id]);
      if (action.type === 'analyse' && action.cause === 'danger') await announceDanger(id);
      return this.get(actor, id);
    },
  };
}

export type AlarmService = ReturnType<typeof createAlarmService>;
