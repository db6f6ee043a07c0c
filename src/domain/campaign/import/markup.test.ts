import { describe, expect, it } from 'vitest';
import { isBorderLine, pipeCells, stripMarkup } from './markup.ts';

describe('markup remnants', () => {
  it('removes HTML tags and decodes entities, saying which', () => {
    expect(stripMarkup('<p>(1) 甲</p> <p>(2)&nbsp;乙&amp;丙</p>')).toEqual({ text: '\n(1) 甲\n \n(2) 乙&丙\n', found: ['html_tag', 'html_entity'] });
    expect(stripMarkup('<td class="x">甲</td><br/>').text).toBe('甲\n');
  });

  it('keeps angle brackets used as title marks inside 《》', () => {
    const s = '《关于落实<国家矿山安全监察局关于加强非煤矿山安全生产工作的指导意见>的实施意见》';
    expect(stripMarkup(s)).toEqual({ text: s, found: [] });
  });

  it('drops entities naming no character', () => {
    expect(stripMarkup('甲&#0;乙&#xD800;丙').text).toBe('甲乙丙');
  });

  it('knows border lines and pipe rows', () => {
    expect(['|---|---|', '+-----+----+', '───────', '┌──┬──┐', ' :---: | --- '].every(isBorderLine)).toBe(true);
    expect(['|甲|乙|', '-', '2022-06-30', '1 - 2'].some(isBorderLine)).toBe(false);
    expect(pipeCells('| 1 | 甲 | 2022年 |')).toEqual(['1', '甲', '2022年']);
    expect(pipeCells('甲|乙')).toBeNull();
  });
});
