import fs from 'node:fs';
import { Command } from 'commander';
import { SYSTEM, withNode } from './context.ts';

export function importCommand() {
  return new Command('import')
    .description('Import enterprises or sites from a CSV or XLSX file; bad rows are listed with line and reason, good rows kept')
    .argument('<kind>', 'enterprises | sites')
    .argument('<file>', '.csv or .xlsx file')
    .action(async (kind: string, file: string) => {
      if (kind !== 'enterprises' && kind !== 'sites') throw new Error('kind must be enterprises or sites');
      const xlsx = /\.xlsx$/i.test(file);
      const content = xlsx ? fs.readFileSync(file).toString('base64') : fs.readFileSync(file, 'utf8');
      await withNode(async (node) => {
        const r = await node.services.imports.run(SYSTEM, kind, xlsx ? 'xlsx' : 'csv', content);
        console.log(`Imported ${r.created} ${kind}; ${r.errors.length} problem(s).`);
        for (const e of r.errors) console.log(`  line ${e.line}${e.field ? ` [${e.field}]` : ''}: ${e.reason}`);
        if (r.errors.length) process.exitCode = 3;
      });
    });
}
