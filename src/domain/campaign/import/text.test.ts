import { describe, expect, it } from 'vitest';
import { readTaskText } from './index.ts';

const kinds = (r: ReturnType<typeof readTaskText>) => r.problems.map((p) => p.kind);

describe('task lists pasted as plain text', () => {
  it('reads full-width numbers under 一、二、 headings, which are sections, not tasks', () => {
    const r = readTaskText(
      [
        '一、组织领导',
        '１．成立专项整治工作领导小组，明确责任分工。 2020年6月底前',
        '２、制定实施方案，报省应急管理厅备案。',
        '二、重点整治',
        '３．开展尾矿库“头顶库”综合治理，2021年底前完成闭库销号。',
        '４．严禁新建总坝高超过200米的尾矿库。  2022年',
      ].join('\n'),
    );
    expect(r.tasks.map((t) => [t.number, t.section])).toEqual([
      [1, '一、组织领导'],
      [2, '一、组织领导'],
      [3, '二、重点整治'],
      [4, '二、重点整治'],
    ]);
    expect(r.tasks[0]).toMatchObject({ text: '成立专项整治工作领导小组，明确责任分工。', deadline: '2020-06-30', deadlineSource: 'row' });
    expect(r.tasks[1]).toMatchObject({ deadline: '2020-06-30', deadlineSource: 'group' });
    // Its own date replaces the one carried down to it: a conflict, reported.
    expect(r.tasks[2]).toMatchObject({ deadline: '2021-12-31', deadlineSource: 'text' });
    expect(r.tasks[3]).toMatchObject({ deadline: '2022-12-31', deadlineSource: 'row' });
    expect(kinds(r)).toEqual(['carried_deadline', 'deadline_conflict']);
  });

  it('reads a markdown table and reports its pipes, borders and entities', () => {
    const r = readTaskText(
      [
        '| 序号 | 工作任务 | 完成时限 |',
        '|---|---|---|',
        '| 1 | 建立健全全员安全生产责任制&nbsp;，层层落实 | 2020年 |',
        '| 2 | **严格**落实领导包保责任 | |',
        '| 4 | 推进采空区治理 | 2021年6月底前 |',
      ].join('\n'),
    );
    expect(r.tasks.map((t) => t.number)).toEqual([1, 2, 4]);
    expect(r.tasks[0]!.text).toBe('建立健全全员安全生产责任制，层层落实');
    expect(r.tasks[1]).toMatchObject({ text: '严格落实领导包保责任', deadline: '2020-12-31' });
    expect(r.tasks[2]!.deadline).toBe('2021-06-30');
    const markup = r.problems.filter((p) => p.kind === 'markup');
    for (const label of ['Markdown 表格竖线', 'HTML 实体', 'Markdown 加粗符号']) expect(markup.map((p) => p.message).join(' | ')).toContain(label);
    for (const label of ['markdown table pipes', 'HTML entities', 'markdown emphasis']) expect(markup.map((p) => p.messageEn).join(' | ')).toContain(label);
    expect(r.problems.find((p) => p.kind === 'missing_number')).toMatchObject({ numbers: [3] });
  });

  it('reads a box-drawn table and drops its borders with a report', () => {
    const r = readTaskText(['┌──┬──────────┬──────┐', '│1 │开展安全培训│2022年│', '├──┼──────────┼──────┤', '│2 │完善应急预案│2022年│', '└──┴──────────┴──────┘'].join('\n'));
    expect(r.tasks.map((t) => [t.number, t.text, t.deadline])).toEqual([
      [1, '开展安全培训', '2022-12-31'],
      [2, '完善应急预案', '2022-12-31'],
    ]);
    expect(r.problems.filter((p) => p.kind === 'markup')).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ message: '标记残留已清除：第2、3、4、5行的表格边框字符', messageEn: 'table border characters removed on lines 2, 3, 4, 5' });
  });

  it('joins wrapped lines to their task, sub-items included, and reports a gap in sub-items', () => {
    const r = readTaskText(['1、强化执法检查：', '（1）制定年度执法计划；', '（3）开展解剖式执法检查。', '2、加强培训，', '提高从业人员安全素质。'].join('\n'));
    expect(r.tasks).toHaveLength(2);
    expect(r.tasks[0]!.subItems!.map((s) => s.number)).toEqual([1, 3]);
    expect(r.tasks[1]!.text).toBe('加强培训，\n提高从业人员安全素质。');
    expect(r.problems.find((p) => p.kind === 'missing_subitem')).toMatchObject({ numbers: [1] });
    expect(r.problems.filter((p) => p.kind === 'continuation_line').map((p) => p.line)).toEqual([5]);
    expect(r.problems.find((p) => p.kind === 'missing_deadline')).toMatchObject({ numbers: [1, 2] });
  });

  it('reports duplicated and out-of-order numbers, keeping every row', () => {
    const r = readTaskText(['1\t甲任务内容\t2022年', '2\t乙任务内容\t', '2\t丙任务内容\t', '5\t丁任务内容\t', '4\t戊任务内容\t'].join('\n'));
    expect(r.tasks.map((t) => t.number)).toEqual([1, 2, 2, 5, 4]);
    expect(kinds(r)).toEqual(expect.arrayContaining(['duplicate_number', 'out_of_order', 'missing_number']));
    expect(r.problems.find((p) => p.kind === 'missing_number')).toMatchObject({ numbers: [3] });
  });

  it('gives a sub-item without a task number to the task whose sub-items it continues', () => {
    const r = readTaskText(['1\t(1) 甲项工作要求\t2022年', '\t(2) 乙项工作要求', '2\t丙项工作要求'].join('\n'));
    expect(r.tasks[0]!.subItems!.map((s) => s.number)).toEqual([1, 2]);
    expect(r.problems.find((p) => p.kind === 'orphan_subitem')).toMatchObject({ numbers: [1], line: 2 });
  });

  it('reads an open-ended or unreadable deadline as written and says so', () => {
    const r = readTaskText(['序号\t任务\t完成时限', '1\t持续开展打非治违\t长期坚持', '2\t开展执法检查\t尽快', '3\t完善制度\t'].join('\n'));
    expect(r.tasks.map((t) => [t.deadline, t.deadlineText])).toEqual([
      [null, '长期坚持'],
      [null, '尽快'],
      [null, '尽快'],
    ]);
    expect(kinds(r)).toEqual(['open_ended_deadline', 'unreadable_deadline', 'carried_deadline']);
  });

  it('says so when nothing in the text is a numbered task', () => {
    const r = readTaskText('各市应急管理局：\n请认真贯彻落实。');
    expect(r.tasks).toEqual([]);
    expect(kinds(r)).toEqual(['unnumbered_row', 'no_tasks']);
    expect(r.problems[0]!.message).toBe('第1、2行无序号，上方也无任务，未作为任务读取：“各市应急管理局：”、“请认真贯彻落实。”');
    expect(r.problems[0]!.messageEn).toMatch(/^Lines 1, 2 have no task number/);
    expect(r.problems[1]).toMatchObject({ message: '未找到带序号的任务', messageEn: 'No numbered task was found' });
  });
});

describe('plain lines beside a column layout', () => {
  it('reads lines without separators as free text, not as shifted columns', () => {
    const r = readTaskText(['1    开展安全培训，    2022年', '提高从业人员安全素质。', '2    完善应急预案    2022年6月底前'].join('\n'));
    expect(r.tasks.map((t) => [t.number, t.text, t.deadline])).toEqual([
      [1, '开展安全培训，\n提高从业人员安全素质。', '2022-12-31'],
      [2, '完善应急预案', '2022-06-30'],
    ]);
    expect(kinds(r)).toEqual(['continuation_line']);
  });

  it('reads an English list the same way', () => {
    const r = readTaskText(['No.\tTask\tDeadline', '1\tSet up the risk register\tby end of 2022', '2\tConnect every tailings pond online, by 30 June 2022\t'].join('\n'));
    expect(r.tasks.map((t) => [t.number, t.deadline, t.deadlineSource])).toEqual([
      [1, '2022-12-31', 'row'],
      [2, '2022-06-30', 'text'],
    ]);
  });
});

describe('dates that name no year', () => {
  it('take the year of the group above them, in a deadline cell and in sub-items', () => {
    const r = readTaskText(
      ['序号\t工作任务\t完成时限', '1\t制定实施方案\t2022年', '2\t开展排查\t6月底前', '3\t(1) 完成隐患登记，2021年6月底前；(2) 完成整改销号，年底前\t'].join('\n'),
    );
    expect(r.tasks.map((t) => [t.number, t.deadline])).toEqual([
      [1, '2022-12-31'],
      [2, '2022-06-30'],
      [3, '2022-12-31'],
    ]);
    // Each sub-item keeps its own date; the task ends with its last one, which overrides the carried 6月底前.
    expect(r.problems.map((p) => p.kind)).toEqual(['carried_deadline', 'deadline_conflict']);
    expect(r.tasks[2]!.subItems).toEqual([
      { number: 1, text: '完成隐患登记，2021年6月底前；', deadline: '2021-06-30', deadlineText: '2021年6月底前' },
      { number: 2, text: '完成整改销号，年底前', deadline: '2022-12-31', deadlineText: '年底前' },
    ]);
  });
});

describe('lists numbered 一、二、三 only', () => {
  it('reads the numbered items as tasks when no arabic number is found, and says so', () => {
    const r = readTaskText(['一、建立健全安全生产责任体系，层层压实责任。 2021年底前', '二、开展尾矿库“头顶库”综合治理。', '三、推进非煤矿山安全风险监测预警系统建设，到2022年6月底前全面联网。'].join('\n'));
    expect(r.tasks.map((t) => [t.number, t.deadline])).toEqual([
      [1, '2021-12-31'],
      [2, '2021-12-31'],
      [3, '2022-06-30'],
    ]);
    expect(r.tasks[0]!.text).toBe('建立健全安全生产责任体系，层层压实责任。');
    expect(r.problems.map((p) => p.kind)).toEqual(['chinese_numbering', 'carried_deadline', 'deadline_conflict']);
  });
});

describe('a heading row that carries its group’s deadline', () => {
  it('gives the deadline to the tasks under it', () => {
    const r = readTaskText(['序号\t工作任务\t完成时限', '一、组织领导\t\t2020年底前', '1\t成立领导小组\t', '2\t制定实施方案\t'].join('\n'));
    expect(r.tasks.map((t) => [t.number, t.section, t.deadline])).toEqual([
      [1, '一、组织领导', '2020-12-31'],
      [2, '一、组织领导', '2020-12-31'],
    ]);
    expect(r.problems.map((p) => p.kind)).toEqual(['stray_deadline', 'carried_deadline']);
  });
});
