import { describe, expect, it } from 'vitest';
import { nearDuplicates, similarity } from './similarity.ts';
import type { ImportedTask } from './types.ts';

const task = (number: number, text: string): ImportedTask => ({ number, text, deadline: null, deadlineText: null, deadlineSource: 'none', line: number });

describe('near-duplicate tasks', () => {
  it('measures normalized Levenshtein similarity on characters', () => {
    expect(similarity('安全生产', '安全生产')).toBe(1);
    expect(similarity('安全生产', '应急救援')).toBe(0);
    expect(similarity('省市县企四级联网', '省市区县企四级联网')).toBeCloseTo(8 / 9, 5);
  });

  it('flags texts that differ by a few characters, or where one holds the other', () => {
    const base = '组织对入井人数超过30人或井深超过800米的金属非金属地下矿山逐一进行专家会诊';
    const problems = nearDuplicates([task(1, base), task(2, `会同有关部门制定标准，${base}`), task(3, '推动出台煤系矿山、型材矿山开采等方面地方标准。'), task(4, base.replace('专家', '专业'))]);
    expect(problems.map((p) => p.numbers)).toEqual([[1, 2], [1, 4], [2, 4]]);
    expect(problems[1]!.similarity).toBeGreaterThan(0.9);
  });

  it('leaves short texts alone and says when a list is too long to compare', () => {
    expect(nearDuplicates([task(1, '培训'), task(2, '培训')])).toEqual([]);
    const many = Array.from({ length: 1001 }, (_, i) => task(i + 1, `任务${i}`));
    expect(nearDuplicates(many)).toEqual([expect.objectContaining({ kind: 'check_skipped' })]);
  });
});
