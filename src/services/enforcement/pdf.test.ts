import { describe, expect, it } from 'vitest';
import { renderPdf, wrap } from './pdf.ts';

describe('PDF writer', () => {
  it('wraps by display width', () => {
    expect(wrap('一二三四五', 2)).toEqual(['一二', '三四', '五']);
    expect(wrap('abcd一', 2)).toEqual(['abcd', '一']);
    expect(wrap('', 10)).toEqual(['']);
  });

  it('writes a well-formed PDF whose cross-reference table points at its objects', () => {
    const pdf = renderPdf('现场检查记录', Array.from({ length: 100 }, (_, i) => `第${i + 1}行 检查内容`));
    const s = pdf.toString('latin1');
    expect(s.startsWith('%PDF-1.4')).toBe(true);
    expect(s.trimEnd().endsWith('%%EOF')).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(s)![1]);
    expect(s.slice(xref, xref + 4)).toBe('xref');
    const entries = s.slice(xref).split('\n').slice(2).filter((l) => / 00000 n $/.test(l));
    entries.forEach((e, i) => expect(s.slice(Number(e.slice(0, 10))).startsWith(`${i + 1} 0 obj`)).toBe(true));
    expect(/\/Count (\d+)/.exec(s)![1]).toBe('3');
    // 现 = U+73B0
    expect(s).toContain('<73B0');
  });
});
