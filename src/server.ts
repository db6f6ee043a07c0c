import { loadConfig, type Config } from './config.ts';
import { createNode, type Node } from './node.ts';

export interface StartOptions extends Partial<Config> {
  dataDir: string;
  adminPassword?: string;
  webDir?: string;
  now?: () => number;
}

export interface RunningServer {
  url: string;
  port: number;
  node: Node;
  close(): Promise<void>;
}

/** Starts a node and listens; used by `kuangan serve` and by the tests (port 0 picks a free port). */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { webDir, now, ...overrides } = opts;
  const base = loadConfig({ KUANGAN_LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv);
  const config: Config = { ...base, port: 0, ...stripUndefined(overrides) };
  const node = await createNode(config, { webDir, now });
  await node.app.listen({ port: config.port, host: config.host });
  const addr = node.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  return { url: `http://${config.host}:${port}`, port, node, close: () => node.close() };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
