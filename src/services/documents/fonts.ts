import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fonts } from '@embedpdf/fonts-sc';
import * as fontkit from 'fontkit';

/**
 * Noto Sans SC (OFL) from @embedpdf/fonts-sc, parsed once and shared by every document: each file is
 * about 8 MB, and parsing it again for each document took more time than writing the document.
 * Every document embeds only the glyphs it uses (pdfkit subsets the font as it writes).
 */
const require = createRequire(import.meta.url);
const WEIGHTS = { regular: 400, bold: 700 } as const;
export type FontWeight = keyof typeof WEIGHTS;
export type DocumentFont = fontkit.Font;

let loaded: Record<FontWeight, DocumentFont> | undefined;

function fontPath(weight: number): string {
  const file = (fonts as { file: string; weight: number }[]).find((f) => f.weight === weight)?.file;
  if (!file) throw new Error(`@embedpdf/fonts-sc has no font of weight ${weight}`);
  // The package exposes its file list, not the files: they sit in fonts/ beside dist/.
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', file);
}

function open(weight: number): DocumentFont {
  const f = fontkit.create(fs.readFileSync(fontPath(weight)));
  if (!('layout' in f)) throw new Error(`${fontPath(weight)} is a font collection, not a font`);
  return f;
}

export function documentFonts(): Record<FontWeight, DocumentFont> {
  loaded ??= { regular: open(WEIGHTS.regular), bold: open(WEIGHTS.bold) };
  return loaded;
}
