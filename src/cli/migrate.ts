import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';
import { migrateToLatest } from '../store/migrate.ts';

export function migrateCommand() {
  return new Command('migrate').description('Apply pending database migrations (forward only) and exit').action(async () => {
    const config = loadConfig();
    const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      const r = await migrateToLatest(store.db);
      console.log(r.applied.length ? `Applied ${r.applied.length} migration(s):\n  ${r.applied.join('\n  ')}` : 'Already up to date.');
    } finally {
      await store.close();
    }
  });
}
