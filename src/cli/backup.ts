import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';

export function backupCommand() {
  return new Command('backup')
    .description('Write a consistent copy of the store (SQLite online backup; pg_dump for PostgreSQL) and the files folder')
    .argument('<dest>', 'destination folder')
    .action(async (dest: string) => {
      const config = loadConfig();
      fs.mkdirSync(dest, { recursive: true });
      if (config.databaseUrl) {
        const out = path.join(dest, 'kuangan.pgdump');
        const r = spawnSync('pg_dump', ['--format=custom', `--file=${out}`, config.databaseUrl], { stdio: 'inherit' });
        if (r.status !== 0) throw new Error('pg_dump failed');
        console.log(`PostgreSQL dump written to ${out}`);
      } else {
        const store = openStore({ dataDir: config.dataDir });
        try {
          const out = path.join(dest, 'kuangan.sqlite');
          await store.sqlite!.backup(out);
          console.log(`SQLite backup written to ${out}`);
        } finally {
          await store.close();
        }
      }
      const files = path.join(config.dataDir, 'files');
      if (fs.existsSync(files)) fs.cpSync(files, path.join(dest, 'files'), { recursive: true });
    });
}

export function restoreCommand() {
  return new Command('restore')
    .description('Restore a backup made by `kuangan backup` into the data folder (stop the server first)')
    .argument('<src>', 'backup folder')
    .action(async (src: string) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        const r = spawnSync('pg_restore', ['--clean', '--if-exists', `--dbname=${config.databaseUrl}`, path.join(src, 'kuangan.pgdump')], { stdio: 'inherit' });
        if (r.status !== 0) throw new Error('pg_restore failed');
      } else {
        const file = path.join(src, 'kuangan.sqlite');
        if (!fs.existsSync(file)) throw new Error(`${file} not found`);
        fs.mkdirSync(config.dataDir, { recursive: true });
        for (const suffix of ['-wal', '-shm']) fs.rmSync(path.join(config.dataDir, `kuangan.sqlite${suffix}`), { force: true });
        fs.copyFileSync(file, path.join(config.dataDir, 'kuangan.sqlite'));
      }
      const files = path.join(src, 'files');
      if (fs.existsSync(files)) fs.cpSync(files, path.join(config.dataDir, 'files'), { recursive: true });
      console.log('Restored.');
    });
}
