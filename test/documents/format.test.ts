import { describe, expect, it } from 'vitest';
import { RegionIndex } from '../../src/domain/regions/regions.ts';
import { authorityName, chinaYear, documentFileName, zhCalendarDate, zhDate, zhDateTime } from '../../src/services/documents/format.ts';

describe('document formats', () => {
  it('writes instants on China time, whatever the clock of the server', () => {
    const t = Date.parse('2026-12-31T17:05:00Z');
    expect(zhDateTime(t)).toBe('2027年1月1日1时05分');
    expect(zhDate(t)).toBe('2027年1月1日');
    expect(chinaYear(t)).toBe(2027);
    expect(zhCalendarDate('2026-03-09')).toBe('2026年3月9日');
    expect(zhCalendarDate(null)).toBe('');
  });

  it('names the issuing authority from the region', () => {
    const regions = new RegionIndex([
      { code: '140000', name: '山西省', level: 'province', parent: null },
      { code: '140100', name: '太原市', level: 'city', parent: '140000' },
      { code: '140105', name: '小店区', level: 'county', parent: '140100' },
    ]);
    expect(authorityName(regions, '140105')).toBe('太原市小店区应急管理局');
    expect(authorityName(regions, '140100')).toBe('太原市应急管理局');
    expect(authorityName(regions, '140000')).toBe('山西省应急管理厅');
    expect(authorityName(regions, '149999')).toBe('149999 应急管理部门');
  });

  it('makes file names no file system refuses', () => {
    expect(documentFileName('现场检查记录', '140105〔2026〕检记0007号')).toBe('现场检查记录-140105〔2026〕检记0007号.pdf');
    expect(documentFileName('告知卡', 'a/b:c')).toBe('告知卡-a_b_c.pdf');
  });
});
