import { uuidv7 } from 'uuidv7';
import { MONITORING_SYSTEM_CRITERIA, SYSTEM, dueEscalations, levelRank, newAlarm, offlineAlarmLevel, reminderDue, transition, type Level, type SensorConnectivity } from '../../domain/monitoring/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { insertAlarm, insertAlarmAction, listAlarmsAwaitingStep, listLiveAlarms, type AlarmRow } from '../../store/repos/monitoring/alarms.ts';
import { sanctionedShutdowns } from '../../store/repos/monitoring/change-requests.ts';
import type { Tx } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { fromLoop, toLoop } from './alarms.ts';
import type { Catalog, SitePlace } from './catalog.ts';
import type { Point } from './plan.ts';
import type { MonitoringSettings } from './settings.ts';
import { loadCoverage } from './reported.ts';
import { computeSiteStatus, lastSeen } from './site-status.ts';

/**
 * The scheduled monitoring work, computed each tick from durable state (last readings in the point
 * states, live alarms in the store), so a restart or a long pause misses nothing and repeats nothing:
 * offline and repair-overdue sensors, silent sites, reminders while silence lasts, and escalation of
 * alarms nobody answered in time.
 */
interface Target {
  site: SitePlace;
  sensorId: string | null;
  kind: string;
  since: number;
  message: string;
  /** Recorded with the opening (the sensors a station alarm covers). */
  details?: Record<string, unknown>;
}

/** How many sensor codes a station alarm's text names before it says "and N more". */
const CODES_IN_TEXT = 20;

export function createMonitoringJobs(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>, catalog: Catalog, points: Map<string, Point>, settings: MonitoringSettings, publish: (ids: string[]) => Promise<void>) {
  const { db } = deps.store;

  /** Work found by a tick, applied a few at a time so that no transaction holds the store for long. */
  type Op = (tx: Tx) => Promise<void>;
  const OPS_PER_TRANSACTION = 50;

  async function tick(): Promise<string[]> {
    const now = deps.now();
    const cfg = settings.get();
    const touched: string[] = [];
    const ops: Op[] = [];
    // Decided outside any transaction (the writer and readers share the SQLite connection); each
    // operation re-reads its alarm inside its transaction and decides again on what it finds.
    // Only this node's own no-data alarms: those forwarded from below are their node's to decide.
    const live = (await listLiveAlarms(db, ['offline', 'site_offline', 'monitoring_system'])).filter((a) => a.origin_node === deps.nodeId);
    const bySensor = new Map(live.filter((a) => a.kind === 'offline').map((a) => [a.sensor_id!, a]));
    const bySite = new Map(live.filter((a) => a.kind === 'site_offline').map((a) => [a.site_id, a]));
    const systemBySensor = new Map(live.filter((a) => a.kind === 'monitoring_system').map((a) => [a.sensor_id!, a]));
    const sanctioned = await sanctionedShutdowns(db);
    const cover = await loadCoverage(db);
    for (const site of catalog.sites()) {
      const entries = catalog.siteSensors(site.id);
      if (cover.covers(site)) {
        // Watched by a node below: its devices report there (the points here never move), and that node
        // raises and forwards its own no-data alarms. One this node raised before is handed over: recovered.
        for (const e of entries) {
          plan(bySensor.get(e.sensor.id), null, { site, sensorId: e.sensor.id, kind: 'offline', since: now, message: '' });
          plan(systemBySensor.get(e.sensor.id), null, { site, sensorId: e.sensor.id, kind: 'monitoring_system', since: now, message: '' });
        }
        plan(bySite.get(site.id), null, { site, sensorId: null, kind: 'site_offline', since: now, message: '' });
        continue;
      }
      const byCode = new Map(entries.map((x) => [x.sensor.code, x]));
      const st = computeSiteStatus(entries, points, settings, now);
      const conn = st.connectivity;
      // The station's last contact: the newest reading of any of its sensors.
      let lastContact = -Infinity;
      for (const e of entries) if (!e.sensor.disabled) lastContact = Math.max(lastContact, lastSeen(points, e.sensor.key) ?? -Infinity);
      for (const c of conn.sensors) {
        const e = byCode.get(c.code)!;
        const existing = bySensor.get(e.sensor.id);
        let level = offlineAlarmLevel(c.state, cfg.offline);
        // A silent station is one alarm (below), not one per sensor. A sensor's own alarm opens only once
        // the station shows it is alive (another sensor reported after this one fell silent) or the
        // silence outlasts the station grace without the whole station falling silent.
        if (level && !existing && (conn.silent || !stationAlive(c.offlineSince, lastContact, now))) level = null;
        const msg = `${site.code}/${c.code} ${c.state === 'repair_overdue' ? '离线超过7天未修复（重大隐患候选）' : '监测数据中断'}`;
        plan(existing, level, { site, sensorId: e.sensor.id, kind: 'offline', since: c.offlineSince ?? now, message: msg });
      }
      // 88号: a sensor switched off or removed without the supervising level's approval, or silent past
      // its repair limit, is a candidate major hazard the regulator sees (kind monitoring_system).
      const overdue = new Map(conn.sensors.filter((c) => c.state === 'repair_overdue').map((c) => [c.code, c.offlineSince]));
      for (const e of entries) {
        const criterion = e.sensor.disabled ? (sanctioned.has(e.sensor.id) ? null : 'closed') : overdue.has(e.sensor.code) ? 'notRepaired' : null;
        const c = criterion ? MONITORING_SYSTEM_CRITERIA[criterion] : null;
        const since = criterion === 'notRepaired' ? (overdue.get(e.sensor.code) ?? now) : now;
        const what = criterion === 'closed' ? '测点已停用或拆除' : '测点离线超过修复时限';
        plan(systemBySensor.get(e.sensor.id), c ? cfg.offline.levels.repairOverdue : null, {
          site,
          sensorId: e.sensor.id,
          kind: 'monitoring_system',
          since,
          message: c ? `${site.code}/${e.sensor.code} ${what}：符合重大事故隐患判定标准“${c.text}”（${c.source}）` : '',
          details: c ? { criterion: c.code, text: c.text, source: c.source } : undefined,
        });
      }
      const silent = conn.silent ? stationAlarm(site, conn.sensors) : null;
      plan(bySite.get(site.id), silent?.level ?? null, silent?.target ?? { site, sensorId: null, kind: 'site_offline', since: now, message: '' });
    }
    await applyOps();
    // After the no-data alarms, so that one opened long after its silence began escalates in the same tick.
    // Only this node's own alarms: a child escalates the alarms it raised by its own clock and forwards that.
    // Every timed step counts (response, analysis, verification): a step missed climbs a tier.
    const own = (await listAlarmsAwaitingStep(db)).filter((a) => a.origin_node === deps.nodeId);
    for (const d of dueEscalations(own.map((a) => ({ ...toLoop(a), id: a.id })), now, cfg.escalation)) {
      ops.push(async (tx) => {
        const row = (await tx.selectFrom('alarms').selectAll().where('id', '=', d.id).executeTakeFirst()) as AlarmRow | undefined;
        const still = row && dueEscalations([{ ...toLoop(row), id: row.id }], now, cfg.escalation)[0];
        if (!row || !still) return;
        const after = transition(toLoop(row), { type: 'escalate' }, SYSTEM, now);
        await tx.updateTable('alarms').set({ ...fromLoop(after), updated_at: now }).where('id', '=', d.id).execute();
        await record(tx, d.id, 'escalate', { from: still.from, to: still.to, dueAt: still.dueAt, step: still.step });
      });
    }
    await applyOps();
    if (touched.length) await publish(touched);
    return touched;

    async function applyOps() {
      const all = ops.splice(0);
      for (let i = 0; i < all.length; i += OPS_PER_TRANSACTION) {
        const part = all.slice(i, i + OPS_PER_TRANSACTION);
        await db.transaction().execute(async (tx) => {
          for (const op of part) await op(tx);
        });
      }
    }

    async function record(tx: Tx, alarmId: string, action: string, details: unknown) {
      await insertAlarmAction(tx, { id: uuidv7(), alarm_id: alarmId, at: now, actor_id: 'system', actor_name: 'system', action, note: null, details: JSON.stringify(details) });
      await appendChange(tx, { actorId: 'system', actorName: 'system', entity: 'alarm', entityId: alarmId, op: action, changes: details, originNode: deps.nodeId, at: now });
      touched.push(alarmId);
    }

    /** Whether a silent sensor's own alarm may open: the station is shown alive, or the grace is over. */
    function stationAlive(offlineSince: number | null, lastContact: number, at: number): boolean {
      if (offlineSince === null) return true;
      return lastContact > offlineSince || at - offlineSince >= cfg.offline.stationGraceSec * 1000;
    }

    /** One alarm for a whole silent station, naming its sensors; repair overdue when every one is. */
    function stationAlarm(site: SitePlace, sensors: readonly SensorConnectivity[]): { level: Level; target: Target } {
      const codes = sensors.map((s) => s.code);
      const overdue = sensors.every((s) => s.state === 'repair_overdue');
      const since = Math.max(...sensors.map((s) => s.offlineSince ?? now));
      const named = codes.length > CODES_IN_TEXT ? `${codes.slice(0, CODES_IN_TEXT).join('、')} 等 ${codes.length} 个` : codes.join('、');
      const message = `${site.code} 数据中断：全部 ${codes.length} 个测点无数据（${named}）${overdue ? '，超过7天未修复（重大隐患候选）' : ''}`;
      return {
        level: overdue ? cfg.offline.levels.repairOverdue : cfg.offline.levels.siteSilent,
        target: { site, sensorId: null, kind: 'site_offline', since: Number.isFinite(since) ? since : now, message, details: { sensors: codes } },
      };
    }

    /** Queues the reconciliation of one no-data alarm when it has something to do. */
    function plan(a: AlarmRow | undefined, level: Level | null, o: Target) {
      if (!needed(a, level)) return;
      ops.push(async (tx) => {
        // The loop may have closed it meanwhile: then it is no longer this condition's alarm.
        const fresh = a ? ((await tx.selectFrom('alarms').selectAll().where('id', '=', a.id).where('state', '!=', 'closed').executeTakeFirst()) as AlarmRow | undefined) : undefined;
        if (a && !fresh) return;
        await reconcile(tx, fresh, level, o);
      });
    }

    /** Whether `reconcile` would change anything (the same decisions, without the store). */
    function needed(a: AlarmRow | undefined, level: Level | null): boolean {
      if (!a) return level !== null;
      const recovered = a.recovered_at !== null;
      if (!level) return !recovered;
      if (recovered || levelRank(level) > levelRank(a.level as Level)) return true;
      const remindedAt = a.reminded_at === null ? Number(a.opened_at) : Number(a.reminded_at);
      return reminderDue(Number(a.opened_at), remindedAt, now, cfg.offline);
    }

    /** Opens, raises, recovers, relapses or reminds one no-data alarm so that it matches the condition now. */
    async function reconcile(tx: Tx, a: AlarmRow | undefined, level: Level | null, o: Target) {
      if (!a && level) {
        const row = newAlarm({ id: uuidv7(), siteId: o.site.id, sensorId: o.sensorId, regionCode: o.site.region, enterpriseId: o.site.enterprise, kind: o.kind, level, message: o.message, openedAt: o.since, now, originNode: deps.nodeId });
        await insertAlarm(tx, row);
        await appendChange(tx, { actorId: 'system', actorName: 'system', entity: 'alarm', entityId: row.id, op: 'create', changes: row, originNode: deps.nodeId, at: now });
        await insertAlarmAction(tx, { id: uuidv7(), alarm_id: row.id, at: now, actor_id: 'system', actor_name: 'system', action: 'opened', note: null, details: JSON.stringify({ level, since: o.since, ...o.details }) });
        touched.push(row.id);
        return;
      }
      if (!a) return;
      const recovered = a.recovered_at !== null;
      if (!level) {
        if (recovered) return;
        await tx.updateTable('alarms').set({ recovered_at: now, current_level: null, updated_at: now }).where('id', '=', a.id).execute();
        return record(tx, a.id, 'recovered', { at: now });
      }
      if (recovered) {
        await tx.updateTable('alarms').set({ recovered_at: null, current_level: level, relapses: a.relapses + 1, level: levelRank(level) > levelRank(a.level as Level) ? level : a.level, updated_at: now }).where('id', '=', a.id).execute();
        return record(tx, a.id, 'relapsed', { level });
      }
      if (levelRank(level) > levelRank(a.level as Level)) {
        await tx.updateTable('alarms').set({ level, current_level: level, message: o.message, updated_at: now }).where('id', '=', a.id).execute();
        return record(tx, a.id, 'escalated', { from: a.level, to: level });
      }
      const cfg = settings.get();
      const remindedAt = a.reminded_at === null ? Number(a.opened_at) : Number(a.reminded_at);
      if (reminderDue(Number(a.opened_at), remindedAt, now, cfg.offline)) {
        await tx.updateTable('alarms').set({ reminded_at: now, updated_at: now }).where('id', '=', a.id).execute();
        return record(tx, a.id, 'reminded', { silentSince: Number(a.opened_at) });
      }
    }
  }

  let timer: NodeJS.Timeout | null = null;
  let running = false;
  return {
    tick,
    start(everyMs = 5000) {
      timer = setInterval(() => {
        if (running) return;
        running = true;
        tick()
          .catch((err) => console.error('[monitoring jobs]', err))
          .finally(() => (running = false));
      }, everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
