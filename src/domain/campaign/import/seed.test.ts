import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTaskText, type ImportResult, type ProblemKind } from './index.ts';

// The letter 晋应急函〔2022〕136号 as it was received; its attachment is the campaign task list.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const seedFile = path.resolve(repoRoot, '..', 'shared', 'seed', '000_279fa9b8751bc82b.txt');

const result: ImportResult = readTaskText(fs.readFileSync(seedFile, 'utf8'));
const task = (n: number) => result.tasks.find((t) => t.number === n)!;
const problems = (kind: ProblemKind) => result.problems.filter((p) => p.kind === kind);

describe('the seed letter’s task list (附件: 工作任务清单)', () => {
  it('finds items 1–35 without 13, and nothing from the letter above the table', () => {
    const expected = Array.from({ length: 35 }, (_, i) => i + 1).filter((n) => n !== 13);
    expect(result.tasks.map((t) => t.number)).toEqual(expected);
    expect(problems('missing_number')).toEqual([expect.objectContaining({ numbers: [13], line: 67 })]);
    expect(problems('missing_number')[0]).toMatchObject({ message: '第13项缺号（在第14项之前，第67行）', messageEn: 'Item 13 is missing from the sequence (before item 14, line 67)' });
    expect(problems('ignored_text')).toEqual([expect.objectContaining({ line: 3 })]);
    expect(problems('ignored_text')[0]!.message).toMatch(/^第3–51行.*在表头（第53行）之前，未作为任务读取/);
    expect(problems('ignored_text')[0]!.messageEn).toMatch(/header row \(line 53\)/);
    expect(problems('duplicate_number')).toEqual([]);
    expect(problems('out_of_order')).toEqual([]);
  });

  it('reads item 25’s three sub-items out of the HTML paragraphs and reports the markup', () => {
    const t = task(25);
    expect(t.subItems?.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(t.subItems![0]!.text).toMatch(/^加强对非煤矿山建设项目安全设施竣工验收/);
    expect(t.subItems![2]!.text).toMatch(/依法予以注销。$/);
    expect(t.text).not.toMatch(/<\/?p>/);
    expect(problems('markup')).toEqual([expect.objectContaining({ numbers: [25], line: 78 })]);
    expect(problems('markup')[0]).toMatchObject({ message: '标记残留已清除：第78行的HTML 标签', messageEn: 'HTML tags removed on line 78' });
  });

  it('gives item 26 the sub-item (1) that stood above it without a number, and reports it', () => {
    const t = task(26);
    expect(t.subItems?.map((s) => s.number)).toEqual([1, 2]);
    expect(t.subItems![0]!.text).toMatch(/^将不符合国家或地方最小开采规模/);
    expect(t.subItems![1]!.text).toMatch(/^对安全生产条件达不到煤矿国家标准/);
    expect(problems('orphan_subitem')).toEqual([expect.objectContaining({ numbers: [26], line: 80 })]);
    expect(problems('orphan_subitem')[0]!.message).toMatch(/^第80行：子项缺少编号，子项（1）已归入第26项.*：“\(1\) 将不符合国家或地方最小开采规模/);
    expect(problems('missing_subitem')).toEqual([]);
  });

  it('moves the task text of items 26–35 out of the deadline column and keeps their group’s deadline', () => {
    const shifted = problems('shifted_column');
    expect(shifted).toHaveLength(1);
    expect(shifted[0]).toMatchObject({ line: 80, numbers: [26, 27, 28, 29, 30, 31, 32, 33, 34, 35] });
    expect(shifted[0]!.message).toBe('第80–90行：任务内容写在“完成时限”列，列错位已纠正（第26、27、28、29、30、31、32、33、34、35项）');
    expect(shifted[0]!.messageEn).toMatch(/^lines 80–90: task text stood in the 完成时限 \(deadline\) column/);
    expect(task(27).text).toMatch(/^督促企业强化安全风险管控措施落实/);
    expect(task(35).text).toMatch(/^继续深入组织开展尾矿库“头顶库”综合治理/);
    for (let n = 27; n <= 35; n++) expect(task(n)).toMatchObject({ deadline: '2022-12-31', deadlineSource: 'group' });
  });

  it('carries each group’s deadline down from its first row', () => {
    expect(task(1)).toMatchObject({ deadline: '2020-12-31', deadlineSource: 'row' });
    expect(task(1).deadlineText).toMatch(/^2020\s*年$/);
    expect(task(2)).toMatchObject({ deadline: '2020-12-31' });
    expect([4, 5, 6, 7, 8].map((n) => task(n).deadline)).toEqual(Array(5).fill('2021-12-31'));
    expect([9, 10, 11, 12, 14, 19, 20, 24].map((n) => task(n).deadline)).toEqual(Array(8).fill('2022-12-31'));
    expect(problems('carried_deadline').map((p) => p.numbers![0])).toEqual([1, 4, 9, 20]);
    expect(problems('carried_deadline')[0]).toMatchObject({
      message: '完成时限“2020年”只在第54行（第1项）写明一次，第2、3项完成时限沿用上方',
      messageEn: 'Deadline "2020年" stands once, on line 54 (item 1); carried down to items 2, 3',
    });
    expect(problems('missing_deadline')).toEqual([]);
  });

  it('lets item 3’s own date (2022年6月底前) override its group’s 2020, and reports the conflict', () => {
    expect(task(3)).toMatchObject({ deadline: '2022-06-30', deadlineSource: 'text', deadlineText: '到2022年6月底前' });
    const conflicts = problems('deadline_conflict');
    expect(conflicts.map((p) => p.numbers)).toEqual([[3], [18]]);
    expect(conflicts[0]!.message).toBe('第3项：文中时限“到2022年6月底前”（2022-06-30）与所在组时限“2020年”（2020-12-31，第54行）不一致（以文中为准）');
    expect(conflicts[0]!.messageEn).toMatch(/^Item 3: its text says "到2022年6月底前" \(2022-06-30\) but its group's deadline \(line 54\) says "2020年"/);
    expect(task(18).deadline).toBe('2022-06-30');
  });

  it('reads item 22’s 自2020年起 as a start, not a deadline', () => {
    expect(task(22)).toMatchObject({ deadline: '2022-12-31', deadlineSource: 'group', startDate: '2020-01-01', startText: '自2020年起' });
  });

  it('flags items 3/18 and 4/19 as near-duplicates with their similarity, and no other pair', () => {
    const pairs = problems('near_duplicate');
    expect(pairs.map((p) => p.numbers)).toEqual([[3, 18], [4, 19]]);
    expect(pairs[0]!.similarity).toBeGreaterThan(0.95);
    expect(pairs[1]!.similarity).toBeGreaterThan(0.7);
    expect(pairs[0]).toMatchObject({ message: '第3项与第18项疑似重复（相似度 0.98）', messageEn: 'Items 3 and 18 are near-duplicates: 98% alike' });
    expect(pairs[1]!.message).toMatch(/^第4项与第19项疑似重复（一项包含另一项的 \d+%，整体相似度 0\.\d\d）$/);
  });

  it('reports nothing it did not find', () => {
    const kinds = new Set(result.problems.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(
      ['carried_deadline', 'deadline_conflict', 'ignored_text', 'markup', 'missing_number', 'near_duplicate', 'orphan_subitem', 'shifted_column'].sort(),
    );
  });
});
