import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestNode } from '../support/node.ts';

export interface Printed {
  status: number;
  headers: Record<string, unknown>;
  /** The JSON error body when the status is not 200. */
  error?: { code: string; message: string };
  /** What pdftotext -layout reads back. */
  text: string;
  pages: number;
  /** Lines of pdfimages -list past its header, one per embedded image (not counting transparency masks). */
  images: string[];
}

/** GETs a document through HTTP, writes it to a temp file and reads it back with poppler's tools. */
export async function printed(t: TestNode, url: string, token?: string): Promise<Printed> {
  const r = await t.node.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (r.statusCode !== 200) return { status: r.statusCode, headers: r.headers, error: (JSON.parse(r.body) as { error: Printed['error'] }).error, text: '', pages: 0, images: [] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, r.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
    return { status: 200, headers: r.headers, text, pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0), images };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text without the spaces and line breaks the layout put in. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');
