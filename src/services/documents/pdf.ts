import { once } from 'node:events';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts.ts';

/**
 * A small layout vocabulary for printed documents (执法文书, 公告栏, 告知卡) on A4: a title, the
 * document number line, labelled fields, tables whose Chinese text wraps inside its cells, coloured
 * bands, images, signature blocks and page numbers. The document is a stream: it is handed to the
 * HTTP reply while it is still being written.
 */
export interface PdfOptions {
  title: string;
  subject?: string;
  /**
   * 'page-of-total' (第 1 页 共 3 页) holds every page until the end to learn the total: for the
   * enforcement documents, a few pages each. 'page' (第 1 页) writes each page as soon as it is done:
   * for documents whose length grows with the data (all the cards of a site).
   */
  pageNumbers?: 'page' | 'page-of-total';
  /** Bytes written but not yet read beyond which drain() waits for the reader (default 1 MiB). */
  highWater?: number;
}

export interface Field {
  label: string;
  value: string | null | undefined;
  /** Spans the whole width in a two-column grid. */
  wide?: boolean;
}

export interface Column {
  header: string;
  /** A share of the table's width; the shares need not add up to 1. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface Signature {
  label: string;
  /** Lines under the signature line, e.g. a date to fill in. */
  below?: string[];
}

export const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 62, bottom: 62, left: 60, right: 60 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const PAD = 4;
const BODY_SIZE = 10.5;
const BLANK = '—';

export const COLOURS = { red: '#E60012', orange: '#F39800', yellow: '#FFE100', blue: '#0068B7', grey: '#EEEEEE', ink: '#111111', muted: '#555555' } as const;

export type Pdf = ReturnType<typeof createPdf>;

export function createPdf(opts: PdfOptions) {
  const numbering = opts.pageNumbers ?? 'page-of-total';
  const highWater = opts.highWater ?? 1 << 20;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    autoFirstPage: false,
    bufferPages: numbering === 'page-of-total',
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: opts.title, Subject: opts.subject ?? opts.title, Creator: 'Kuangan 矿安', Producer: 'Kuangan 矿安' },
  });
  const f = documentFonts();
  // pdfkit takes an already parsed fontkit font as well as its bytes (its types name only the bytes).
  doc.registerFont('regular', f.regular as unknown as Buffer);
  doc.registerFont('bold', f.bold as unknown as Buffer);
  let pages = 0;

  const bottom = () => A4.height - MARGIN.bottom;
  const body = (size = BODY_SIZE) => doc.font('regular').fontSize(size).fillColor(COLOURS.ink);

  function drawFooter(label: string) {
    const { x, y } = doc;
    // Text below the bottom margin would start a new page: lift the margin while the footer is drawn.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(9).fillColor(COLOURS.muted).text(label, MARGIN.left, A4.height - MARGIN.bottom + 24, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
    doc.x = x;
    doc.y = y;
    body();
  }

  doc.on('pageAdded', () => {
    pages += 1;
    if (numbering === 'page') drawFooter(`第 ${pages} 页`);
    body();
  });

  function newPage() {
    doc.addPage();
  }

  /** Starts a new page unless `height` still fits on this one. */
  function ensure(height: number) {
    if (pages === 0 || doc.y + height > bottom()) newPage();
  }

  function title(text: string, size = 20) {
    ensure(size * 2);
    doc.font('bold').fontSize(size).fillColor(COLOURS.ink).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 2 });
    doc.moveDown(0.4);
    body();
  }

  /** The document number line (文号), e.g. 140105〔2026〕检记0007号. */
  function number(text: string, align: 'center' | 'right' = 'center') {
    ensure(20);
    body(11).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align });
    doc.moveDown(0.8);
    body();
  }

  function heading(text: string) {
    ensure(40);
    doc.moveDown(0.3);
    doc.font('bold').fontSize(12).fillColor(COLOURS.ink).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.3);
    body();
  }

  function paragraph(text: string, o: { indent?: boolean; size?: number; bold?: boolean; align?: 'left' | 'right' | 'center' | 'justify' } = {}) {
    (o.bold ? doc.font('bold') : doc.font('regular')).fontSize(o.size ?? BODY_SIZE).fillColor(COLOURS.ink);
    ensure(doc.currentLineHeight(true) * 2);
    doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, indent: o.indent ? (o.size ?? BODY_SIZE) * 2 : 0, align: o.align ?? 'justify', lineGap: 3 });
    doc.moveDown(0.4);
    body();
  }

  /** Label：value pairs, in one or two columns; a long value wraps under itself, not under its label. */
  function fields(items: Field[], columns: 1 | 2 = 2) {
    body();
    const gap = 16;
    const colWidth = columns === 1 ? CONTENT_WIDTH : (CONTENT_WIDTH - gap) / 2;
    const place = (item: Field, x: number, width: number) => {
      const label = `${item.label}：`;
      doc.font('bold');
      const lw = doc.widthOfString(label);
      doc.font('regular');
      return { label, x, lw, vw: width - lw, value: item.value?.trim() ? item.value : BLANK };
    };
    const rows: Field[][] = [];
    for (const item of items) {
      const last = rows[rows.length - 1];
      if (columns === 2 && !item.wide && last && last.length === 1 && !last[0]!.wide) last.push(item);
      else rows.push([item]);
    }
    for (const row of rows) {
      const cells = row.map((item, i) => place(item, MARGIN.left + i * (colWidth + gap), row.length === 1 && (item.wide || columns === 1) ? CONTENT_WIDTH : colWidth));
      const h = Math.max(...cells.map((c) => doc.heightOfString(c.value, { width: c.vw, lineGap: 2 })));
      ensure(h + 6);
      const y = doc.y;
      for (const c of cells) {
        doc.font('bold').text(c.label, c.x, y, { lineBreak: false });
        doc.font('regular').text(c.value, c.x + c.lw, y, { width: c.vw, lineGap: 2 });
      }
      doc.x = MARGIN.left;
      doc.y = y + h + 6;
    }
    doc.moveDown(0.3);
  }

  /** A table with a repeated header on each page; rows are kept whole. */
  function table(columns: Column[], rows: string[][], o: { size?: number; headerFill?: string } = {}) {
    const size = o.size ?? 10;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const maxRow = bottom() - MARGIN.top - 40;

    const measure = (cells: string[], font: 'regular' | 'bold') => {
      doc.font(font).fontSize(size);
      return Math.min(maxRow, Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD, lineGap: 1.5 }))) + 2 * PAD);
    };
    const draw = (cells: string[], font: 'regular' | 'bold', fill?: string) => {
      const h = measure(cells, font);
      const y = doc.y;
      for (const [i, text] of cells.entries()) {
        if (fill) doc.rect(xs[i]!, y, widths[i]!, h).fill(fill);
        doc.lineWidth(0.6).strokeColor('#333333').rect(xs[i]!, y, widths[i]!, h).stroke();
        doc.font(font).fontSize(size).fillColor(COLOURS.ink).text(text, xs[i]! + PAD, y + PAD, { width: widths[i]! - 2 * PAD, height: h - 2 * PAD, align: columns[i]!.align ?? 'left', lineGap: 1.5, ellipsis: true });
      }
      doc.x = MARGIN.left;
      doc.y = y + h;
    };
    const header = () => draw(columns.map((c) => c.header), 'bold', o.headerFill ?? COLOURS.grey);

    const headerHeight = measure(columns.map((c) => c.header), 'bold');
    ensure(headerHeight + (rows[0] ? measure(rows[0], 'regular') : 0));
    header();
    for (const row of rows) {
      const h = measure(row, 'regular');
      if (doc.y + h > bottom()) {
        newPage();
        header();
      }
      draw(row, 'regular');
    }
    doc.moveDown(0.6);
    body();
  }

  /** A coloured band across the page with its text, e.g. a risk level (红 橙 黄 蓝); kept with what follows it. */
  function band(text: string, colour: string, o: { height?: number; size?: number; keepWith?: number } = {}) {
    const h = o.height ?? 24;
    ensure(h + 6 + (o.keepWith ?? 80));
    const y = doc.y;
    doc.rect(MARGIN.left, y, CONTENT_WIDTH, h).fill(colour);
    const dark = colour === COLOURS.yellow || colour === COLOURS.grey;
    const size = o.size ?? 13;
    doc.font('bold').fontSize(size).fillColor(dark ? COLOURS.ink : '#FFFFFF').text(text, MARGIN.left, y + (h - size * 1.3) / 2, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    doc.x = MARGIN.left;
    doc.y = y + h + 6;
    body();
  }

  /** A PNG placed at the right (or centred), with a caption under it; the text flow continues below. */
  function image(png: Buffer, o: { width: number; align?: 'right' | 'center'; caption?: string }) {
    ensure(o.width + 30);
    const x = o.align === 'center' ? MARGIN.left + (CONTENT_WIDTH - o.width) / 2 : MARGIN.left + CONTENT_WIDTH - o.width;
    const y = doc.y;
    doc.image(png, x, y, { width: o.width });
    let after = y + o.width;
    if (o.caption) {
      body(8.5).fillColor(COLOURS.muted).text(o.caption, x - 20, after + 2, { width: o.width + 40, align: 'center' });
      after = doc.y;
    }
    doc.x = MARGIN.left;
    doc.y = after + 6;
    body();
  }

  /** Signature blocks side by side, kept together on one page. */
  function signatures(blocks: Signature[]) {
    const per = Math.min(blocks.length, 3) || 1;
    const width = CONTENT_WIDTH / per;
    const rowHeight = 28 + Math.max(0, ...blocks.map((b) => (b.below?.length ?? 0) * 16));
    ensure(Math.ceil(blocks.length / per) * (rowHeight + 8) + 12);
    doc.moveDown(1);
    for (let i = 0; i < blocks.length; i += per) {
      const y = doc.y;
      for (const [j, b] of blocks.slice(i, i + per).entries()) {
        const x = MARGIN.left + j * width;
        body().text(`${b.label}：`, x, y, { width: width - 8 });
        doc.lineWidth(0.6).strokeColor('#333333').moveTo(x, doc.y + 14).lineTo(x + width - 16, doc.y + 14).stroke();
        let ly = doc.y + 18;
        for (const line of b.below ?? []) {
          body(9.5).text(line, x, ly, { width: width - 8 });
          ly = doc.y + 2;
        }
      }
      doc.x = MARGIN.left;
      doc.y = y + rowHeight + 8;
    }
    body();
  }

  function space(lines = 1) {
    doc.moveDown(lines);
  }

  /** Lets the reader catch up when more than `highWater` bytes wait; false once the reader has gone. */
  async function drain(): Promise<boolean> {
    while (doc.readableLength > highWater && !doc.destroyed) {
      await Promise.race([once(doc, 'data'), once(doc, 'close')]);
    }
    return !doc.destroyed;
  }

  function end() {
    if (pages === 0) newPage();
    if (numbering === 'page-of-total') {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        drawFooter(`第 ${i + 1} 页 共 ${range.count} 页`);
      }
    }
    doc.end();
  }

  return {
    doc,
    stream: doc as unknown as Readable,
    contentWidth: CONTENT_WIDTH,
    left: MARGIN.left,
    newPage,
    ensure,
    title,
    number,
    heading,
    paragraph,
    fields,
    table,
    band,
    image,
    signatures,
    space,
    drain,
    end,
  };
}

/**
 * Writes a document on the next turn of the event loop, so that the caller can hand the stream to
 * its reader first; a failure part-way ends the stream with the error instead of leaving it open.
 */
export function writeLater(pdf: Pdf, write: (pdf: Pdf) => void | Promise<void>): Readable {
  setImmediate(() => {
    Promise.resolve()
      .then(() => write(pdf))
      .then(() => {
        if (!pdf.doc.destroyed) pdf.end();
      })
      .catch((e: unknown) => pdf.doc.destroy(e instanceof Error ? e : new Error(String(e))));
  });
  return pdf.stream;
}
