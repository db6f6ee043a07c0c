import { Command } from 'commander';
import { ConfigError } from '../config.ts';
import { serveCommand } from './serve.ts';
import { migrateCommand } from './migrate.ts';
import { userCommand } from './user.ts';
import { importCommand } from './import.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { demoCommand } from './demo.ts';
import { auditCommand } from './audit.ts';

const program = new Command()
  .name('kuangan')
  .description('Kuangan (矿安) — safety supervision platform for non-coal mines and tailings ponds.\nConfiguration comes from the environment (see README): PORT, HOST, KUANGAN_DATA_DIR, DATABASE_URL, ...')
  .showHelpAfterError();

program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(userCommand());
program.addCommand(importCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program.addCommand(demoCommand());
program.addCommand(auditCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
