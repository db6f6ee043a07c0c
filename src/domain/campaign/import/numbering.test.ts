import { describe, expect, it } from 'vitest';
import { isSectionHeading, leadingNumber, numberCell, splitSubItems, startsWithSubItem } from './numbering.ts';

describe('task numbers', () => {
  it('reads a number column’s cell in the ways lists write it', () => {
    expect(['1', '1.', '12、', '１３', '第4项', '(5)', '（6）', '⑦', ' 8 '].map(numberCell)).toEqual([1, 1, 12, 13, 4, 5, 6, 7, 8]);
    expect(['', '一', '1.5', '2022年', 'a1', '序号'].map(numberCell)).toEqual([null, null, null, null, null, null]);
  });

  it('takes a number opening a text, never a date or a quantity', () => {
    expect(leadingNumber('1、建立制度')).toEqual({ number: 1, rest: '建立制度' });
    expect(leadingNumber('１２．建立制度')).toEqual({ number: 12, rest: '建立制度' });
    expect(leadingNumber('3) 建立制度')).toEqual({ number: 3, rest: '建立制度' });
    expect(leadingNumber('2020年底前完成')).toBeNull();
    expect(leadingNumber('30万吨/年以上')).toBeNull();
    expect(leadingNumber('1.5倍')).toBeNull();
    expect(leadingNumber('(1) 子项')).toBeNull();
  });

  it('knows a heading from a task', () => {
    expect(['一、组织领导', '（二）重点任务', '第三部分 保障措施', '十二、其他'].every(isSectionHeading)).toBe(true);
    expect(['一是要加强领导', '1、建立制度', '一把手负责'].some(isSectionHeading)).toBe(false);
  });
});

describe('sub-items', () => {
  it('splits (1) （2） ③ markers in ascending order, keeping the lead', () => {
    expect(splitSubItems('主要包括：(1) 甲；（2）乙；③丙')).toEqual({ lead: '主要包括：', items: [{ number: 1, text: '甲；' }, { number: 2, text: '乙；' }, { number: 3, text: '丙' }] });
  });

  it('leaves parentheses inside words alone', () => {
    expect(splitSubItems('与煤共(伴)生金属非金属矿山').items).toEqual([]);
    expect(splitSubItems('依据第(3)款处理').items).toEqual([]);
    expect(startsWithSubItem('（2）对安全生产条件达不到标准的')).toBe(2);
  });
});
