import path from 'node:path';
import { z } from 'zod';

const levels = ['province', 'city', 'county', 'enterprise'] as const;
export type NodeLevel = (typeof levels)[number];

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  KUANGAN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KUANGAN_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  KUANGAN_MQTT_URL: z.string().regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt:// URL').optional(),
  KUANGAN_UPSTREAM: z.string().url().optional(),
  KUANGAN_NODE_TOKEN: z.string().min(1).optional(),
  KUANGAN_LEVEL: z.enum(levels).default('province'),
  KUANGAN_REGION: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code').default('140000'),
  KUANGAN_NODE_NAME: z.string().optional(),
  KUANGAN_CLOCK_OFFSET_MS: z.coerce.number().int().optional(),
  KUANGAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KUANGAN_INGEST_RATE: z.coerce.number().positive().default(200_000),
  KUANGAN_STREAM_HEARTBEAT_SEC: z.coerce.number().int().min(1).max(300).default(15),
  KUANGAN_INGEST_BURST: z.coerce.number().positive().default(400_000),
  KUANGAN_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => v?.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((v) => !v || v.every((a) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(a)), 'must be addresses or CIDR ranges, comma-separated'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminPassword?: string;
  mqttUrl?: string;
  upstream?: string;
  nodeToken?: string;
  level: NodeLevel;
  region: string;
  nodeName?: string;
  logLevel: string;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). Without them the
   * client's address is the connection's: a header cannot choose which address login throttling slows.
   */
  trustProxy?: string[];
  /**
   * Readings one caller (a device, user or node token; an MQTT site topic) may send per second, and how
   * many at once above that rate (token bucket). Far above one site's needs, so that only a runaway or
   * hostile caller meets it; it keeps one token from taking the whole writer.
   */
  ingestRatePerSec?: number;
  /**
   * How often a live stream (SSE) sends its heartbeat and checks that its session is still valid:
   * a session that ends without an event (expiry, revocation elsewhere) closes its streams within this.
   */
  streamHeartbeatSec?: number;
  ingestBurst?: number;
  /** Test-only: shifts this node's clock, to check links between nodes whose clocks disagree. */
  clockOffsetMs?: number;
}

export class ConfigError extends Error {}

/** Reads the environment once; nothing else in the program reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.KUANGAN_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    adminPassword: e.KUANGAN_ADMIN_PASSWORD,
    mqttUrl: e.KUANGAN_MQTT_URL,
    upstream: e.KUANGAN_UPSTREAM,
    nodeToken: e.KUANGAN_NODE_TOKEN,
    level: e.KUANGAN_LEVEL,
    region: e.KUANGAN_REGION,
    nodeName: e.KUANGAN_NODE_NAME,
    logLevel: e.KUANGAN_LOG_LEVEL,
    trustProxy: e.KUANGAN_TRUST_PROXY,
    ingestRatePerSec: e.KUANGAN_INGEST_RATE,
    streamHeartbeatSec: e.KUANGAN_STREAM_HEARTBEAT_SEC,
    ingestBurst: e.KUANGAN_INGEST_BURST,
    clockOffsetMs: e.KUANGAN_CLOCK_OFFSET_MS,
    ...overrides,
  };
}
