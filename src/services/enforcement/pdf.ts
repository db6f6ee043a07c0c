/**
 * A small PDF writer for official documents: A4 pages of text in the Adobe-GB1 song face
 * (STSong-Light), which PDF readers supply themselves, so nothing is embedded and Chinese prints
 * everywhere. Text is written as UTF-16BE through the UniGB-UTF16-H encoding.
 */
const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;
const SIZE = 12;
const LEADING = 20;

/** Width in em: CJK and full-width forms are one em, everything else half. */
function width(ch: string): number {
  return /[\u2e80-\uffef]/.test(ch) ? 1 : 0.5;
}

/** Breaks a line into lines that fit the text width. */
export function wrap(line: string, emPerLine: number): string[] {
  if (line === '') return [''];
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const ch of line) {
    const cw = width(ch);
    if (w + cw > emPerLine) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += ch;
    w += cw;
  }
  out.push(cur);
  return out;
}

function hex(s: string): string {
  let h = '';
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${h.toUpperCase()}>`;
}

export function renderPdf(title: string, lines: readonly string[]): Buffer {
  const em = Math.floor((PAGE_W - 2 * MARGIN) / SIZE);
  const perPage = Math.floor((PAGE_H - 2 * MARGIN - 40) / LEADING);
  const body = lines.flatMap((l) => wrap(l, em));
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(1, body.length); i += perPage) pages.push(body.slice(i, i + perPage));

  const objects: string[] = [];
  const add = (s: string) => objects.push(s) - 1 + 1; // object numbers start at 1
  const catalog = add('');
  const pagesObj = add('');
  const descriptor = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const cid = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500 814 907 500] >>`);
  const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [${cid} 0 R] >>`);
  const kids: number[] = [];
  pages.forEach((pageLines, i) => {
    const titleW = [...title].reduce((s, c) => s + width(c), 0) * 18;
    let content = 'BT\n';
    if (i === 0) content += `/F1 18 Tf ${((PAGE_W - titleW) / 2).toFixed(1)} ${PAGE_H - MARGIN - 18} Td ${hex(title)} Tj\nET\nBT\n`;
    content += `/F1 ${SIZE} Tf ${LEADING} TL ${MARGIN} ${PAGE_H - MARGIN - (i === 0 ? 60 : 12)} Td\n`;
    for (const l of pageLines) content += `${hex(l)} Tj T*\n`;
    content += `ET\nBT /F1 9 Tf ${PAGE_W / 2 - 10} ${MARGIN / 2} Td ${hex(`${i + 1}/${pages.length}`)} Tj ET\n`;
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
