import { describe, expect, it } from 'vitest';
import { CRITERIA_88, CRITERIA_SECTIONS, findCriterion } from './criteria-88.ts';

describe('88号 criteria as data', () => {
  it('covers all three sections with unique ids, each with text and source', () => {
    const ids = new Set(CRITERIA_88.map((c) => c.id));
    expect(ids.size).toBe(CRITERIA_88.length);
    for (const s of CRITERIA_SECTIONS) expect(CRITERIA_88.filter((c) => c.section === s).length).toBeGreaterThanOrEqual(3);
    for (const c of CRITERIA_88) {
      expect(c.text.length).toBeGreaterThan(5);
      expect(c.source).toMatch(/矿安〔2022〕88号/);
    }
  });

  it('carries the monitoring items, tailings ones marked unconfirmed', () => {
    expect(findCriterion('88-OP-07-3')).toMatchObject({ number: '露天(七)3', confirmed: true, text: '关闭、破坏监测系统或者隐瞒、篡改、销毁其相关数据、信息。' });
    expect(findCriterion('88-TP-MON-2')).toMatchObject({ section: 'tailings_pond', number: null, confirmed: false, text: '安全监测系统运行不正常未及时修复；' });
    expect(CRITERIA_88.filter((c) => c.section === 'tailings_pond').every((c) => !c.confirmed)).toBe(true);
  });

  it('keeps sub-items verbatim with their parent heading apart', () => {
    expect(findCriterion('88-UG-05-3')).toMatchObject({ heading: '露天转地下开采存在下列情形之一的：', text: '未按设计采取留设安全顶柱或者岩石垫层等防护措施。' });
    expect(findCriterion('nope')).toBeUndefined();
  });
});
