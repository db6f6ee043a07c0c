import { describe, expect, it } from 'vitest';
import { guessMap, headerMap } from './columns.ts';

const row = (...cells: string[]) => ({ line: 1, cells });

describe('columns', () => {
  it('maps the header words lists use', () => {
    expect(headerMap(row('序号', '任 务', '完成时限'))).toEqual({ number: 0, task: 1, deadline: 2, responsible: undefined, extra: [] });
    expect(headerMap(row('编号', '任务内容', '时间要求', '责任单位', '备注'))).toEqual({ number: 0, task: 1, deadline: 2, responsible: 3, extra: [{ index: 4, name: '备注' }] });
    expect(headerMap(row('No.', 'Task', 'Deadline'))).toMatchObject({ number: 0, task: 1, deadline: 2 });
    expect(headerMap(row('序号', '', '完成时限（年）'))).toMatchObject({ number: 0, task: 1, deadline: 2 });
  });

  it('does not take a data row for a header', () => {
    expect(headerMap(row('1', '建立完善任务清单', '2022年'))).toBeNull();
    expect(headerMap(row('任务'))).toBeNull();
  });

  it('guesses the layout of a list without a header', () => {
    expect(guessMap([row('1', '甲', '2022年'), row('2', '乙', '')])).toMatchObject({ number: 0, task: 1, deadline: 2 });
    expect(guessMap([row('1', '甲'), row('2', '乙')])).toMatchObject({ number: 0, task: 1 });
    expect(guessMap([row('甲', '2022年'), row('乙', '2021年')])).toEqual({ task: 0, deadline: 1, extra: [] });
    expect(guessMap([row('1、甲')])).toEqual({ task: 0, deadline: 1, extra: [] });
  });
});
