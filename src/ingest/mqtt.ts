import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { IngestResult, IngestService } from '../services/monitoring/ingest.ts';
import { RateLimited } from '../domain/errors.ts';
import { WriterBusy } from '../services/monitoring/writer.ts';

/**
 * Devices publish `{"readings": [...]}` here, the HTTP body as is (contract: kuangan/v1/{site}/telemetry).
 * The broker decides who may publish on which topic (deploy/mosquitto/acl: a device's username is its
 * site code); the node binds every reading to its topic's site and refuses one naming another.
 */
export const TELEMETRY_FILTER = 'kuangan/v1/+/telemetry';
const TOPIC = /^kuangan\/v1\/([^/]+)\/telemetry$/;
/** The same limit as the HTTP route. */
const MAX_READINGS = 100_000;

export interface MqttIngestOptions {
  url: string;
  /** Stable per node, so that the broker keeps this node's session (and its queued messages) across restarts. */
  clientId: string;
  ingest: Pick<IngestService, 'ingestForSite' | 'waitForRoom'>;
  /** Unacknowledged QoS 1 messages the broker may send at once (MQTT 5 Receive Maximum). */
  receiveMaximum?: number;
  /** How long the broker keeps the session while this node is away (s; default 7 days). */
  sessionExpirySec?: number;
  /** Publish the refused readings of a message to `kuangan/v1/{site}/telemetry/result` (QoS 0). */
  publishResults?: boolean;
  log?: (msg: string, err?: unknown) => void;
}

export interface MqttIngestStats {
  received: number;
  acked: number;
  invalid: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  connected: boolean;
}

interface Pending {
  messageId: number;
  done: boolean;
}

/**
 * MQTT intake at QoS 1 with a persistent session, through the same ingest path as HTTP.
 *
 * Nothing is acknowledged before it is committed, yet many messages are in flight at once so that the
 * group-committing writer can batch them. mqtt.js hands incoming packets to `handleMessage` one at a
 * time and sends the PUBACK when its callback returns (node_modules/mqtt/build/lib/handlers/publish.js:
 * `client.handleMessage(packet, (err) => { if (err) return done(err); _sendPacket(puback) })`), and it
 * does not read the next packet before `done`. Holding that callback until commit would therefore
 * serialise everything (one message per commit window). Instead `handleMessage` starts the ingest and
 * calls back at once WITH an error: mqtt.js then skips its own PUBACK and goes on to the next packet
 * (`done` ignores its argument). We send the PUBACK ourselves after commit, in the order the messages
 * arrived, and only on the connection that received them: after a reconnect the broker redelivers
 * whatever was not acknowledged, and a repeated reading is stored once.
 */
export function startMqttIngest(o: MqttIngestOptions) {
  const log = o.log ?? ((msg: string, err?: unknown) => console.error(`[mqtt] ${msg}`, err instanceof Error ? err.message : (err ?? '')));
  const stats: MqttIngestStats = { received: 0, acked: 0, invalid: 0, accepted: 0, duplicates: 0, rejected: 0, connected: false };
  const HELD = new Error('acknowledged after commit');
  let generation = 0;
  let pending: Pending[] = [];
  const inflight = new Set<Promise<void>>();
  let stopping = false;
  let backoff = 1000;

  const client: MqttClient = mqtt.connect(o.url, {
    clientId: o.clientId,
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: o.sessionExpirySec ?? 7 * 86_400, receiveMaximum: o.receiveMaximum ?? 1000 },
    reconnectPeriod: backoff,
    connectTimeout: 10_000,
    resubscribe: true,
  });

  client.on('connect', (connack) => {
    stats.connected = true;
    generation++;
    pending = [];
    backoff = 1000;
    client.options.reconnectPeriod = backoff;
    // The subscription lives in the persistent session; subscribing again is harmless and covers a lost session.
    if (!connack.sessionPresent) {
      client.subscribe(TELEMETRY_FILTER, { qos: 1 }, (err) => err && log(`subscribe ${TELEMETRY_FILTER} failed`, err));
    }
  });
  client.on('close', () => {
    stats.connected = false;
    generation++;
    pending = [];
    if (stopping) return;
    // Reconnect with backoff: 1 s, 2 s, 4 s … up to 30 s.
    backoff = Math.min(backoff * 2, 30_000);
    client.options.reconnectPeriod = backoff;
  });
  client.on('error', (err) => log('connection error', err));

  client.handleMessage = (packet: IPublishPacket, callback: (err?: Error) => void) => {
    stats.received++;
    if (packet.qos === 0 || packet.messageId === undefined) {
      track(handle(packet));
      return callback();
    }
    const entry: Pending = { messageId: packet.messageId, done: false };
    const gen = generation;
    pending.push(entry);
    track(
      handle(packet).then((ok) => {
        if (!ok) return;
        entry.done = true;
        if (gen === generation) flushAcks();
      }),
    );
    callback(HELD);
  };

  function track(p: Promise<unknown>) {
    const q = p.then(
      () => undefined,
      (err) => log('message handling failed', err),
    );
    inflight.add(q);
    void q.finally(() => inflight.delete(q));
  }

  /** PUBACKs in arrival order (MQTT 3.1.1 §4.6): the head goes out once committed, then the next. */
  function flushAcks() {
    while (pending.length && pending[0]!.done) {
      const e = pending.shift()!;
      if (!client.connected) return;
      (client as unknown as { _sendPacket(p: object, cb?: (err?: Error) => void): void })._sendPacket({ cmd: 'puback', messageId: e.messageId, reasonCode: 0 }, (err) => {
        if (err) log('puback failed', err);
      });
      stats.acked++;
    }
  }

  /** Ingests one message; true when it may be acknowledged (committed, or invalid and never going to be). */
  async function handle(packet: IPublishPacket): Promise<boolean> {
    const site = TOPIC.exec(packet.topic)?.[1];
    const body = site ? parse(packet.payload) : 'topic is not kuangan/v1/{site}/telemetry';
    if (typeof body === 'string') {
      stats.invalid++;
      log(`invalid message on ${packet.topic}: ${body}`);
      return true;
    }
    const result = await write(body.readings, site!);
    if (!result) return false;
    stats.accepted += result.accepted;
    stats.duplicates += result.duplicates;
    stats.rejected += result.rejected.length;
    if (result.rejected.length && o.publishResults !== false && client.connected) {
      client.publish(`kuangan/v1/${site}/telemetry/result`, JSON.stringify(result), { qos: 0 });
    }
    return true;
  }

  /**
   * Waits for room and retries on store errors until it commits or the intake stops (then the broker
   * redelivers). A site over its readings-per-second limit is delayed, never dropped: its message waits
   * unacknowledged, and the broker's Receive Maximum holds back the rest.
   */
  async function write(readings: unknown[], site: string): Promise<IngestResult | null> {
    let delay = 100;
    while (!stopping) {
      try {
        await o.ingest.waitForRoom(readings.length);
        return await o.ingest.ingestForSite(site, readings as never[]);
      } catch (err) {
        if (err instanceof RateLimited) {
          await new Promise((r) => setTimeout(r, err.retryAfterSec * 1000));
          continue;
        }
        if (!(err instanceof WriterBusy)) log(`ingest for ${site} failed; retrying`, err);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
    return null;
  }

  return {
    client,
    stats: () => ({ ...stats }),
    /** Resolves once connected (for tests and the start-up log). */
    ready(): Promise<void> {
      if (client.connected) return Promise.resolve();
      return new Promise((resolve) => client.once('connect', () => resolve()));
    },
    /** Finishes what is in flight (committed messages are acknowledged), then disconnects; the session stays on the broker. */
    async stop(): Promise<void> {
      const deadline = Date.now() + 10_000;
      while (inflight.size && Date.now() < deadline) await Promise.race([Promise.all([...inflight]), new Promise((r) => setTimeout(r, 100))]);
      stopping = true;
      await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    },
  };
}

function parse(payload: Buffer | string): { readings: unknown[] } | string {
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return 'payload is not JSON';
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { readings?: unknown }).readings)) return 'payload must be {"readings": [...]}';
  const readings = (body as { readings: unknown[] }).readings;
  if (readings.length > MAX_READINGS) return `more than ${MAX_READINGS} readings in one message`;
  return { readings };
}

export type MqttIngest = ReturnType<typeof startMqttIngest>;
