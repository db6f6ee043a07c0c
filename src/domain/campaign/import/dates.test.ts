import { describe, expect, it } from 'vitest';
import { endOf, findDates, isDateOnly, parseDeadlineCell } from './dates.ts';

const cell = (s: string, year?: number) => {
  const r = parseDeadlineCell(s, year);
  return r.kind === 'date' ? r.date : r.kind;
};

describe('deadline cells', () => {
  it('reads a period as its last day', () => {
    expect(cell('2020 年')).toBe('2020-12-31');
    expect(cell('2020年底前')).toBe('2020-12-31');
    expect(cell('２０２２年６月底前')).toBe('2022-06-30');
    expect(cell('2021年6月')).toBe('2021-06-30');
    expect(cell('2024年2月')).toBe('2024-02-29');
    expect(cell('2022年6月30日前')).toBe('2022-06-30');
    expect(cell('2022年上半年')).toBe('2022-06-30');
    expect(cell('2022年第三季度')).toBe('2022-09-30');
    expect(cell('2022-06-15')).toBe('2022-06-15');
    expect(cell('2022.6')).toBe('2022-06-30');
    expect(cell('2022年十二月底')).toBe('2022-12-31');
    expect(cell('by end of 2022')).toBe('2022-12-31');
    expect(cell('end of June 2022')).toBe('2022-06-30');
    expect(cell('2022')).toBe('2022-12-31');
  });

  it('takes the latest date of a staged cell', () => {
    expect(cell('2021年底前完成50%，2022年6月底前全部完成')).toBe('2022-06-30');
  });

  it('needs a year for 6月底前 and 年底前, taken from the group above when there is one', () => {
    expect(cell('6月底前')).toBe('needs_year');
    expect(cell('6月底前', 2022)).toBe('2022-06-30');
    expect(cell('年底前', 2021)).toBe('2021-12-31');
  });

  it('tells open-ended and unreadable cells apart', () => {
    expect(cell('长期坚持')).toBe('open');
    expect(cell('持续推进')).toBe('open');
    expect(cell('尽快')).toBe('unknown');
    expect(cell('2022年13月')).toBe('unknown');
    expect(cell('')).toBe('empty');
  });

  it('knows a date-only cell from a sentence', () => {
    expect(isDateOnly('2020 年')).toBe(true);
    expect(isDateOnly('2022年6月底前完成')).toBe(true);
    expect(isDateOnly('督促企业强化安全风险管控措施落实')).toBe(false);
    expect(isDateOnly('长期')).toBe(false);
  });

  it('rejects dates that do not exist', () => {
    expect(endOf({ year: 2022, month: 2, day: 30 })).toBeNull();
    expect(endOf({ year: 2022, month: 0 })).toBeNull();
  });
});

describe('dates inside a task’s text', () => {
  const ends = (s: string, y?: number) => findDates(s, y).filter((m) => m.kind === 'end').map((m) => m.date ?? null);

  it('finds deadlines written with a marker', () => {
    expect(ends('2020年底前，金属非金属规模以上矿山全部达到二级')).toEqual(['2020-12-31']);
    expect(ends('建立完善机制，到 2022 年 6 月底前所有尾矿库建立完善在线安全监测系统'.replace(/ /g, ''))).toEqual(['2022-06-30']);
    expect(ends('2021年6月底前完成整改')).toEqual(['2021-06-30']);
    expect(ends('年底前完成', 2022)).toEqual(['2022-12-31']);
    expect(ends('6月底前完成', 2022)).toEqual(['2022-06-30']);
    expect(ends('All ponds monitored online by end of June 2022.')).toEqual(['2022-06-30']);
  });

  it('does not take a start, a mention, a quantity or a recurring date for a deadline', () => {
    const all = findDates('实施总量控制，自2020年起，全省尾矿库数量原则上只减不增。');
    expect(all).toEqual([expect.objectContaining({ kind: 'start', date: '2020-01-01', text: '自2020年起' })]);
    expect(ends('根据2019年修订的标准，提出意见')).toEqual([]);
    expect(ends('最低生产建设规模不得低于30万吨/年')).toEqual([]);
    expect(ends('三年内完成整合', 2022)).toEqual([]);
    expect(ends('每年6月底前报送总结', 2022)).toEqual([]);
    expect(findDates('Starting from 2021 all new ponds are banned')).toEqual([expect.objectContaining({ kind: 'start', date: '2021-01-01' })]);
  });

  it('leaves a yearless deadline without a date when no year is known', () => {
    expect(findDates('年底前完成')).toEqual([expect.objectContaining({ kind: 'end', text: '年底前' })]);
    expect(findDates('年底前完成')[0]!.date).toBeUndefined();
  });
});
