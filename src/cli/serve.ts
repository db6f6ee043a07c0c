import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createNode } from '../node.ts';

export function serveCommand() {
  return new Command('serve')
    .description('Start the platform (HTTP API and web app) on HOST:PORT')
    .option('-p, --port <port>', 'port (overrides PORT)')
    .option('--host <host>', 'address to bind (overrides HOST)')
    .action(async (o: { port?: string; host?: string }) => {
      const config = loadConfig(process.env, {
        ...(o.port ? { port: Number(o.port) } : {}),
        ...(o.host ? { host: o.host } : {}),
      });
      const node = await createNode(config);
      if (node.generatedAdminPassword) {
        console.log('\n  First start: created user "admin" with password:\n');
        console.log(`      ${node.generatedAdminPassword}\n`);
        console.log('  It is shown only this once. Log in and change it (or set KUANGAN_ADMIN_PASSWORD before the first start).\n');
      }
      await node.app.listen({ port: config.port, host: config.host });
      console.log(`Kuangan (${config.level}, region ${config.region}) listening on http://${config.host}:${config.port}  store: ${node.store.dialect}`);
      let closing = false;
      const stop = async (signal: string) => {
        if (closing) return;
        closing = true;
        console.log(`${signal}: shutting down`);
        await node.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
