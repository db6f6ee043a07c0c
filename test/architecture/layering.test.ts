import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point down: domain ← store ← services ← api / ingest / sync / cli. A lower layer that
 * imports an upper one ties the use-cases to the transport (style.md, rule 1).
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const UPPER: Record<string, string[]> = {
  domain: ['store', 'services', 'api', 'ingest', 'sync', 'cli', 'demo'],
  store: ['services', 'api', 'ingest', 'sync', 'cli', 'demo'],
  services: ['api', 'ingest', 'sync', 'cli', 'demo'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => relative(src, resolve(dirname(file), s)));
}

describe('layering', () => {
  for (const [layer, forbidden] of Object.entries(UPPER)) {
    it(`src/${layer} imports nothing from ${forbidden.join(', ')}`, () => {
      const offending = sourceFiles(join(src, layer)).flatMap((file) =>
        relativeImports(file)
          .filter((target) => forbidden.includes(target.split('/')[0]!))
          .map((target) => `${relative(src, file)} → ${target}`),
      );
      expect(offending).toEqual([]);
    });
  }
});
