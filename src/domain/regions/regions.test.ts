import { describe, expect, it } from 'vitest';
import { isWithin, parseRegionCode, RegionIndex, regionLevel, scopePrefix } from './regions.ts';
import { SHANXI_REGIONS } from './shanxi.ts';

describe('Shanxi regions', () => {
  const idx = new RegionIndex(SHANXI_REGIONS);

  it('holds the province, 11 cities and 117 county-level divisions with unique codes and known parents', () => {
    expect(SHANXI_REGIONS.filter((r) => r.level === 'city')).toHaveLength(11);
    expect(SHANXI_REGIONS.filter((r) => r.level === 'county')).toHaveLength(117);
    expect(new Set(SHANXI_REGIONS.map((r) => r.code)).size).toBe(SHANXI_REGIONS.length);
    for (const r of SHANXI_REGIONS) {
      if (r.parent) expect(idx.get(r.parent), r.code).toBeDefined();
      expect(regionLevel(r.code)).toBe(r.level);
    }
    const counts = Object.fromEntries(idx.children('140000').map((c) => [c.name, idx.children(c.code).length]));
    expect(counts).toEqual({ 太原市: 10, 大同市: 10, 阳泉市: 5, 长治市: 12, 晋城市: 6, 朔州市: 6, 晋中市: 11, 运城市: 13, 忻州市: 14, 临汾市: 17, 吕梁市: 13 });
  });

  it('reflects the recent changes', () => {
    expect(idx.get('140213')?.name).toBe('平城区');
    expect(idx.get('140215')?.name).toBe('云州区');
    expect(idx.get('140404')?.name).toBe('上党区');
    expect(idx.get('140403')?.name).toBe('潞州区');
    expect(idx.get('140703')?.name).toBe('太谷区');
    expect(idx.get('140681')?.name).toBe('怀仁市');
    expect(idx.get('140202')).toBeUndefined(); // old 大同 城区
    expect(idx.get('140421')).toBeUndefined(); // old 长治县
  });

  it('answers scope questions by code structure', () => {
    expect(scopePrefix('140000')).toBe('14');
    expect(scopePrefix('140100')).toBe('1401');
    expect(scopePrefix('140105')).toBe('140105');
    expect(isWithin('140000', '140105')).toBe(true);
    expect(isWithin('140100', '140105')).toBe(true);
    expect(isWithin('140100', '140213')).toBe(false);
    expect(isWithin('140105', '140105')).toBe(true);
    expect(isWithin('140105', '140106')).toBe(false);
    expect(isWithin('140000', '')).toBe(false);
    expect(parseRegionCode('14010')).toEqual({ ok: false, reason: '"14010" is not a 6-digit GB/T 2260 code' });
  });

  it('gives ancestors and display paths', () => {
    expect(idx.ancestors('140105').map((r) => r.code)).toEqual(['140000', '140100']);
    expect(idx.path('140105')).toBe('山西省 / 太原市 / 小店区');
  });
});
