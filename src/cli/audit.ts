import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { getSetting } from '../store/repos/settings.ts';
import { verifyChains } from '../services/audit/verify.ts';

export function auditCommand() {
  const audit = new Command('audit').description('The tamper-evident change log (hash chain per node)');
  audit
    .command('verify')
    .description('Walk every chain held here; name the first entry edited, deleted or inserted out of place (exit code 1)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      try {
        await migrateToLatest(store.db);
        const self = (await getSetting(store.db, 'node.id')) ?? '';
        const r = await verifyChains(store.db, self);
        if (opts.json) console.log(JSON.stringify(r));
        else {
          for (const c of r.chains) {
            const who = c.origin === self ? `${c.origin} (this node)` : c.origin;
            console.log(c.firstBad ? `BROKEN  ${who}: ${c.firstBad.message}` : `ok      ${who}: ${c.checked} entries, through position ${c.lastSeq}`);
          }
          console.log(r.ok ? `All ${r.chains.length} chain(s) verify: ${r.entries} entries.` : 'The change log has been tampered with.');
        }
        process.exitCode = r.ok ? 0 : 1;
      } finally {
        await store.close();
      }
    });
  return audit;
}
