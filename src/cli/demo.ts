import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createNode } from '../node.ts';
import { DEMO_PASSWORD, seedDemoRegistry } from '../demo/seed.ts';
import { startDemoMonitoring } from '../demo/monitoring.ts';
import { seedDemoEnforcement } from '../demo/enforcement.ts';
import { seedDemoDualPrevention } from '../demo/dualprev.ts';
import { seedDemoCampaign } from '../demo/campaign.ts';

export const DEMO_ADMIN_PASSWORD = 'Admin2026ka';


export function demoCommand() {
  return new Command('demo')
    .description('Start the platform with a Shanxi demo dataset (in ./data-demo unless KUANGAN_DATA_DIR is set)')
    .option('-p, --port <port>', 'port (overrides PORT)')
    .action(async (o: { port?: string }) => {
      const env = { ...process.env };
      env.KUANGAN_DATA_DIR ??= path.resolve('data-demo');
      env.KUANGAN_ADMIN_PASSWORD ??= DEMO_ADMIN_PASSWORD;
      const config = loadConfig(env, o.port ? { port: Number(o.port) } : {});
      const node = await createNode(config);
      const seeded = await seedDemoRegistry(node);
      // Licences, scores, cases, inspections and a plan for the registry just loaded.
      if (seeded) await seedDemoEnforcement(node);
      // Risk registers from the template library and hazard ledgers at every step of the loop.
      if (seeded) await seedDemoDualPrevention(node);
      // The three-year campaign of 晋应急函〔2022〕136号 imported from its task list and carried partly out.
      const campaign = seeded ? await seedDemoCampaign(node) : null;
      const stops: (() => Promise<void> | void)[] = [];
      stops.push(await startDemoMonitoring(node));
      await node.app.listen({ port: config.port, host: config.host });
      console.log(`\n矿安 Kuangan demo on http://${config.host}:${config.port}  (data in ${config.dataDir})`);
      if (seeded) console.log(`Loaded ${seeded.enterprises} enterprises and ${seeded.sites} mines and tailings ponds.`);
      if (campaign) console.log(`Campaign 晋应急函〔2022〕136号: ${campaign.tasks} tasks (${campaign.problems.length} import problems), ${campaign.assignments} assignments, key problems ${campaign.keyProblems.join(', ')}.`);
      console.log(`\n  admin / ${env.KUANGAN_ADMIN_PASSWORD}   (administrator)`);
      console.log(`  sheng, xinzhou, daixian, zhifa, zhuanjia, jinling, jinling_aq / ${DEMO_PASSWORD}`);
      console.log('  (province, city, county officer, inspector, expert, enterprise principal, safety officer)\n');
      const stop = async () => {
        for (const s of stops) await s();
        await node.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
