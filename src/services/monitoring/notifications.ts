import { uuidv7 } from 'uuidv7';
import { mayManagePlatform, type Principal } from '../../domain/access/policy.ts';
import { redactSecrets, redactText } from '../../domain/access/secrets.ts';
import { isWithin } from '../../domain/regions/regions.ts';
import { CATEGORY_LABELS, LEVEL_LABELS, levelRank, type Level, type Tier } from '../../domain/monitoring/index.ts';
import { insertNotifications, listNotifications, notifiedEvents, updateNotification, type NotificationRow } from '../../store/repos/monitoring/notifications.ts';
import type { Deps } from '../context.ts';
import type { AlarmChanged, AlarmView } from './alarms.ts';
import type { MonitoringSettings } from './settings.ts';

/** An SMS gateway (短信网关). Real gateways plug in by configuration; the default only records the text. */
export interface SmsGateway {
  name: string;
  send(to: string, text: string): Promise<{ status: 'queued' | 'sent' | 'failed'; detail?: string; statusCode?: number }>;
}

export const recordingSmsGateway: SmsGateway = {
  name: 'none',
  async send() {
    return { status: 'queued', detail: 'no SMS gateway configured: recorded, not sent' };
  },
};

/** A gateway that takes `{to, text}` as JSON over HTTP (most domestic SMS services have such an adapter). */
export function httpSmsGateway(url: string): SmsGateway {
  return {
    name: 'http',
    async send(to, text) {
      try {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, text }), signal: AbortSignal.timeout(10_000) });
        return { status: r.ok ? 'sent' : 'failed', statusCode: r.status };
      } catch (err) {
        return { status: 'failed', detail: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}

export interface NotifierOptions {
  /** Replaces the gateway chosen by the settings (tests, custom integrations). */
  sms?: SmsGateway;
  /** Webhook attempts in all (default 3), the first retry after `retryDelayMs` (default 500), doubling. */
  webhookAttempts?: number;
  retryDelayMs?: number;
}

const OFFICER_OF: Record<Exclude<Tier, 'enterprise'>, string> = { county: 'county_officer', city: 'city_officer', province: 'province_officer' };
/** The event key of a real-danger analysis' notifications (one per alarm). */
const DANGER = 'danger';
const TIER_ZH: Record<Tier, string> = { enterprise: '企业', county: '县级', city: '市级', province: '省级' };
const ENTERPRISE_RECIPIENTS = ['enterprise_principal', 'enterprise_safety_officer'];

/**
 * Notifications (通知) of alarm events, each recorded per recipient and channel: the alarm opened, its
 * level rose, or nobody answered and it climbed to the next administrative level. The enterprise's
 * principal and safety officers hear of every level; officers of the tier the alarm climbed to hear of
 * the escalation. Channels: live push (the SSE stream), webhooks (with retries and the status code
 * recorded), SMS through the configured gateway. An event is notified once however often the alarm
 * is published: the event key (level|tier) is stored with each row.
 */
export function createNotifier(deps: Pick<Deps, 'store' | 'now' | 'events'>, settings: MonitoringSettings, opts: NotifierOptions = {}) {
  const { db } = deps.store;
  const attempts = opts.webhookAttempts ?? 3;
  const retryDelayMs = opts.retryDelayMs ?? 500;
  let chain: Promise<void> = Promise.resolve();
  const deliveries = new Set<Promise<void>>();
  const log = (err: unknown) => console.error('[notifications]', err);

  function gateway(): SmsGateway {
    if (opts.sms) return opts.sms;
    const s = settings.get().sms;
    return s.gateway === 'http' && s.url ? httpSmsGateway(s.url) : recordingSmsGateway;
  }

  async function recipients(a: AlarmView, tier: Tier, event: string) {
    const users = await db.selectFrom('users').select(['id', 'username', 'role', 'region_code', 'enterprise_id']).where('disabled', '=', 0).execute();
    // The enterprise hears of every level; an escalation tells only the officers it climbed to.
    const out = users.filter((u) => event !== 'escalated' && u.enterprise_id === a.enterprise && ENTERPRISE_RECIPIENTS.includes(u.role));
    if (tier !== 'enterprise') out.push(...users.filter((u) => u.role === OFFICER_OF[tier] && u.region_code && isWithin(u.region_code, a.region)));
    return out;
  }

  async function phones(a: AlarmView): Promise<string[]> {
    const e = await db.selectFrom('enterprises').select(['principal_phone', 'safety_officer_phone']).where('id', '=', a.enterprise).executeTakeFirst();
    return [...new Set([e?.principal_phone, e?.safety_officer_phone].filter((p): p is string => !!p))];
  }

  function text(a: AlarmView, event: string): string {
    const head = event === 'escalated' ? `【矿安预警·未叫应，已上报${TIER_ZH[a.tier as Tier]}】` : '【矿安预警】';
    // A silent sensor or station is a transmission alarm: never worded as a colour warning.
    const label = a.category === 'transmission' ? CATEGORY_LABELS.transmission.zh : LEVEL_LABELS[a.level as Level].zh;
    const what = `${a.site ?? a.message}${a.sensor ? `/${a.sensor}` : ''} ${label}`;
    return `${head}${what}${a.value !== null ? `，值 ${a.value}` : ''}，请及时叫应处置。`;
  }

  async function handle(e: AlarmChanged) {
    const a = e.alarm;
    if (a.state === 'closed') return;
    const tier = a.tier as Tier;
    const key = `${a.level}|${tier}`;
    const done = await notifiedEvents(db, a.id);
    if (done.has(key)) return;
    const first = done.size === 0;
    const sameTier = [...done].some((k) => k.endsWith(`|${tier}`));
    const event = first ? 'opened' : sameTier ? 'level_raised' : 'escalated';
    const now = deps.now();
    const cfg = settings.get();
    const detail = JSON.stringify({ event, level: a.level, tier });
    const row = (channel: string, recipient: string, status: string, extra: Partial<NotificationRow> = {}): NotificationRow => ({
      id: uuidv7(),
      alarm_id: a.id,
      at: now,
      channel,
      recipient,
      status,
      detail,
      event: key,
      attempts: 0,
      status_code: null,
      updated_at: now,
      ...extra,
    });
    const rows: NotificationRow[] = [];
    const people = await recipients(a, tier, event);
    // The live push went out with the alarm itself: record whom it was for.
    for (const u of people) rows.push(row('sse', `user:${u.username}`, 'pushed'));
    const hooks = cfg.webhooks.filter((h) => levelRank(a.level as Level) >= levelRank(h.minLevel)).map((h) => row('webhook', h.url, 'pending'));
    rows.push(...hooks);
    const sms: NotificationRow[] = [];
    if (levelRank(a.level as Level) >= levelRank(cfg.sms.minLevel)) {
      const gw = gateway();
      const msg = text(a, event);
      for (const to of await phones(a)) {
        const r = await gw.send(to, msg);
        sms.push(row('sms', `phone:${to}`, r.status, { attempts: 1, status_code: r.statusCode ?? null, detail: JSON.stringify({ event, level: a.level, tier, gateway: gw.name, text: msg, note: r.detail }) }));
      }
    }
    rows.push(...sms);
    // An event with no one to tell is still recorded, so that it is not re-examined on every publish.
    if (rows.length === 0) rows.push(row('none', 'nobody', 'skipped'));
    await insertNotifications(db, rows);
    for (const h of hooks) track(deliver(h, { event, alarm: a }));
  }

  /**
   * An analysis found real danger (险情): every supervising level's officers in the alarm's region hear
   * of it at once, whatever tier the alarm is with, by live push and the webhooks; recorded once.
   */
  async function danger(e: AlarmChanged) {
    const a = e.alarm;
    if ((await notifiedEvents(db, a.id)).has(DANGER)) return;
    const now = deps.now();
    const detail = JSON.stringify({ event: 'danger', level: a.level, tier: a.tier, cause: a.cause, measures: a.measures });
    const row = (channel: string, recipient: string, status: string): NotificationRow => ({ id: uuidv7(), alarm_id: a.id, at: now, channel, recipient, status, detail, event: DANGER, attempts: 0, status_code: null, updated_at: now });
    const users = await db.selectFrom('users').select(['username', 'role', 'region_code']).where('disabled', '=', 0).execute();
    const officers = users.filter((u) => Object.values(OFFICER_OF).includes(u.role) && u.region_code && isWithin(u.region_code, a.region));
    const rows = officers.map((u) => row('sse', `user:${u.username}`, 'pushed'));
    const hooks = settings.get().webhooks.map((h) => row('webhook', h.url, 'pending'));
    rows.push(...hooks);
    if (rows.length === 0) rows.push(row('none', 'nobody', 'skipped'));
    await insertNotifications(db, rows);
    for (const h of hooks) track(deliver(h, { event: 'danger', alarm: a }));
  }

  function track(p: Promise<void>) {
    const q = p.catch(log);
    deliveries.add(q);
    void q.finally(() => deliveries.delete(q));
  }

  /** POSTs the alarm event as JSON, retrying with backoff; records every attempt's outcome. */
  async function deliver(n: NotificationRow, body: unknown) {
    let delay = retryDelayMs;
    for (let i = 1; i <= attempts; i++) {
      let code: number | null = null;
      let error: string | null = null;
      try {
        const r = await fetch(n.recipient, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        code = r.status;
        await r.arrayBuffer().catch(() => undefined);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const ok = code !== null && code >= 200 && code < 300;
      const last = ok || i === attempts;
      await updateNotification(db, n.id, { attempts: i, status_code: code, status: ok ? 'sent' : last ? 'failed' : 'retrying', updated_at: deps.now(), ...(error ? { detail: JSON.stringify({ ...JSON.parse(n.detail ?? '{}'), error }) } : {}) });
      if (last) return;
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }

  return {
    start(): () => void {
      const offChanged = deps.events.subscribe('alarm.changed', (e) => {
        // One at a time, so that two publishes of the same alarm cannot both notify.
        chain = chain.then(() => handle(e)).catch(log);
      });
      const offDanger = deps.events.subscribe('alarm.danger', (e) => {
        chain = chain.then(() => danger(e)).catch(log);
      });
      return () => {
        offChanged();
        offDanger();
      };
    },
    /**
     * The notifications of an alarm the caller may see (visibility checked by `alarms.get`). A webhook's
     * URL carries its key: whole only for those who may change the settings.
     */
    async list(actor: Principal, alarmId: string, alarms: { get(actor: Principal, id: string): Promise<unknown> }) {
      await alarms.get(actor, alarmId);
      const rows = await listNotifications(db, alarmId);
      const secrets = mayManagePlatform(actor, 'settings.manage');
      return {
        items: rows.map((r) => {
          const d = r.detail ? (JSON.parse(r.detail) as { event?: string }) : {};
          const recipient = secrets ? r.recipient : redactText(r.recipient);
          return { id: r.id, at: r.at, event: d.event ?? null, key: r.event, channel: r.channel, recipient, status: r.status, attempts: r.attempts, statusCode: r.status_code, updatedAt: r.updated_at, detail: secrets ? d : redactSecrets(d) };
        }),
      };
    },
    /** Resolves when every event seen so far is recorded and every webhook delivery has ended. */
    async idle(): Promise<void> {
      await chain;
      while (deliveries.size) await Promise.all([...deliveries]);
      await chain;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
