import { describe, expect, it } from 'vitest';
import { instructionFor } from './instructions.ts';

describe('instructionFor', () => {
  it('orders withdrawal on a red goaf ground-pressure alarm', () => {
    expect(instructionFor('ground_pressure', 'red')).toMatchObject({
      zh: '立即停止作业，撤出全部人员',
      en: 'Stop work at once and withdraw everyone to safety',
    });
  });
  it('carries nothing for lower levels or other kinds', () => {
    expect(instructionFor('ground_pressure', 'orange')).toBeNull();
    expect(instructionFor('ground_pressure', null)).toBeNull();
    expect(instructionFor('freeboard', 'red')).toBeNull();
  });
});
