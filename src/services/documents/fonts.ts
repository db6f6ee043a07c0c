import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fonts } from '@embedpdf/fonts-sc';

/**
 * Noto Sans SC (OFL) from @embedpdf/fonts-sc, read once and kept: each file is about 8 MB, and every
 * document embeds only the glyphs it uses (pdfkit subsets the font as it writes).
 */
const require = createRequire(import.meta.url);
const WEIGHTS = { regular: 400, bold: 700 } as const;
export type FontWeight = keyof typeof WEIGHTS;

let loaded: Record<FontWeight, Buffer> | undefined;

function fontPath(weight: number): string {
  const file = (fonts as { file: string; weight: number }[]).find((f) => f.weight === weight)?.file;
  if (!file) throw new Error(`@embedpdf/fonts-sc has no font of weight ${weight}`);
  // The package exposes its file list, not the files: they sit in fonts/ beside dist/.
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', file);
}

export function documentFonts(): Record<FontWeight, Buffer> {
  loaded ??= { regular: fs.readFileSync(fontPath(WEIGHTS.regular)), bold: fs.readFileSync(fontPath(WEIGHTS.bold)) };
  return loaded;
}
