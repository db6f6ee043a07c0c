import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPdf, writeLater, type Pdf } from '../../src/services/documents/pdf.ts';
import { squeeze } from './pdf.ts';

async function read(stream: Readable, slow = false): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) {
    chunks.push(c as Buffer);
    if (slow) await new Promise((r) => setTimeout(r, 1));
  }
  return Buffer.concat(chunks);
}

function poppler(pdf: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuangan-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    return {
      text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
      pages: Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]),
      fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim()),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const write = (title: string, body: (p: Pdf) => void | Promise<void>, opts: { pageNumbers?: 'page' | 'page-of-total' } = {}) => writeLater(createPdf({ title, ...opts }), body);

describe('pdf layout', () => {
  it('writes Chinese with an embedded subset of Noto Sans SC, a table whose header repeats on each page, and 第 n 页 共 m 页', async () => {
    const pdf = await read(
      write('测试', (p) => {
        p.title('现场检查记录');
        p.number('140105〔2026〕检记0007号');
        p.fields([{ label: '被检查单位', value: '晋源矿业有限公司' }, { label: '主要负责人', value: null }, { label: '地址', value: '太原市小店区龙城大街1号', wide: true }]);
        p.table(
          [{ header: '序号', width: 1 }, { header: '检查发现的问题', width: 6 }],
          Array.from({ length: 60 }, (_, i) => [String(i + 1), `第${i + 1}项：主斜坡道局部片帮冒顶，未及时进行支护处理，作业人员通行时有落石风险。`]),
        );
        p.signatures([{ label: '检查人员（签名）', below: ['年　　月　　日'] }]);
      }),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The font files are about 8 MB each: a subset of the glyphs used is embedded, not the font.
    expect(pdf.length).toBeLessThan(400_000);
    const { text, pages, fonts } = poppler(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(fonts.every((l) => /NotoSansHans/.test(l) && /\byes\s+yes\b/.test(l))).toBe(true);
    const flat = squeeze(text);
    for (const s of ['现场检查记录', '140105〔2026〕检记0007号', '被检查单位：晋源矿业有限公司', '主要负责人：—', '第60项', `第${pages}页共${pages}页`, '检查人员（签名）']) expect(flat).toContain(s);
    expect(flat.split('检查发现的问题').length - 1).toBe(pages);
  });

  it('writes a long document page by page, waiting for a slow reader instead of holding it all', async () => {
    const pdf = createPdf({ title: '长文档', pageNumbers: 'page', highWater: 16 * 1024 });
    let held = 0;
    const stream = writeLater(pdf, async (p) => {
      for (let i = 0; i < 120; i++) {
        if (i) p.newPage();
        p.title(`岗位安全风险告知卡 ${i + 1}`);
        p.band('风险等级：重大风险（红色）', '#E60012');
        p.table([{ header: '措施', width: 1 }], Array.from({ length: 12 }, (_, k) => [`措施${k}：设置过卷、过速保护并每日试验，严格执行交接班制度。`]));
        held = Math.max(held, p.doc.readableLength);
        await p.drain();
      }
    });
    const out = await read(stream, true);
    const { pages, text } = poppler(out);
    expect(pages).toBe(120);
    expect(squeeze(text)).toContain('第120页');
    // Never much more than the high-water mark waiting, however long the document grows.
    expect(out.length).toBeGreaterThan(10 * 16 * 1024);
    expect(held).toBeLessThan(2 * 16 * 1024);
  });

  it('ends the stream with the error when writing fails part-way', async () => {
    const stream = write('失败', () => {
      throw new Error('boom');
    });
    await expect(read(stream)).rejects.toThrow('boom');
  });
});
