import { describe, expect, it } from 'vitest';
import * as say from './messages.ts';

describe('problem messages, in Chinese and in English from the same facts', () => {
  it('names items as 第N项 and lines as 第N行', () => {
    expect(say.missingNumbers([3, 4], 5, 9)).toEqual({ message: '第3、4项缺号（在第5项之前，第9行）', messageEn: 'Items 3, 4 are missing from the sequence (before item 5, line 9)' });
    expect(say.duplicateNumber(2, 3, 4)).toEqual({ message: '序号2重复（第3行和第4行）', messageEn: 'Item number 2 is used twice (lines 3 and 4)' });
    expect(say.missingSubItems(1, [2, 3]).message).toBe('第1项子项缺号：缺少子项（2）（3）');
  });

  it('counts a long gap instead of listing it', () => {
    expect(say.missingNumberRange(2, 900, 901)).toEqual({ message: '第2–900项缺号（共899个序号，在第901项之前）', messageEn: 'Items 2–900 (899 numbers) are missing before item 901' });
  });

  it('shortens a long run of lines the same way in both languages', () => {
    const lines = Array.from({ length: 10 }, (_, i) => i + 1);
    const m = say.continuationLines(lines, 1, '提高从业人员安全素质。');
    expect(m.message).toBe('第1、2、3、4、5、6、7、8…行（共10行，至第10行）无序号，已作为第1项的续行并入：“提高从业人员安全素质。”');
    expect(m.messageEn).toBe('Lines 1, 2, 3, 4, 5, 6, 7, 8 … (10 lines, to 10) have no task number; read as the continuation of item 1: "提高从业人员安全素质。"');
  });

  it('quotes a task text as it stands, shortened', () => {
    const text = '加强对非煤矿山建设项目安全设施竣工验收活动和验收结果的监督核查';
    expect(say.missingDeadline(7, text).message).toBe(`第7项无完成时限：“${text.slice(0, 24)}…”`);
  });

  it('says which deadline gave way to the date in the text', () => {
    const own = { text: '2022年6月底前', date: '2022-06-30' };
    expect(say.deadlineConflict(3, own, { text: '2022年', date: '2022-12-31' }).message).toBe('第3项：文中时限“2022年6月底前”（2022-06-30）与完成时限列“2022年”（2022-12-31）不一致（以文中为准）');
    expect(say.deadlineConflict(3, own, { text: '长期', date: null, groupLine: 5 }).message).toBe('第3项：文中时限“2022年6月底前”（2022-06-30）与所在组时限“长期”（第5行）不一致（以文中为准）');
  });

  it('gives a near-duplicate’s similarity to two decimals', () => {
    expect(say.nearDuplicate(3, 18, 0.981)).toEqual({ message: '第3项与第18项疑似重复（相似度 0.98）', messageEn: 'Items 3 and 18 are near-duplicates: 98% alike' });
    expect(say.nearDuplicate(4, 19, 0.78, 0.95).message).toBe('第4项与第19项疑似重复（一项包含另一项的 95%，整体相似度 0.78）');
  });
});
