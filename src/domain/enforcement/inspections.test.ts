import { describe, expect, it } from 'vitest';
import { documentNumber, inspectionAfter } from './inspections.ts';

describe('inspections', () => {
  it('takes findings while open and completes once', () => {
    expect(inspectionAfter('open', 'findings')).toBe('open');
    expect(inspectionAfter('open', 'complete')).toBe('completed');
    expect(() => inspectionAfter('completed', 'complete')).toThrow(/state 'completed'.*'complete'/);
    expect(() => inspectionAfter('completed', 'findings')).toThrow(/409|cannot/);
  });

  it('numbers documents per region and year', () => {
    expect(documentNumber('record', '140105', 2026, 7)).toBe('140105〔2026〕检记0007号');
    expect(documentNumber('order', '140100', 2026, 12)).toBe('140100〔2026〕责改0012号');
  });
});
