import { describe, expect, it } from 'vitest';
import { onRun, transition } from './findings.ts';

describe('finding life cycle', () => {
  it('moves new → acknowledged → resolved, and a run reopens a resolved finding whose condition returned', () => {
    expect(transition('new', 'ack')).toBe('acknowledged');
    expect(transition('acknowledged', 'resolve')).toBe('resolved');
    expect(onRun('resolved', true)).toBe('reopen');
    expect(transition('resolved', 'reopen')).toBe('new');
  });
  it('a waiver needs a reason; a waived finding stays waived while its condition holds', () => {
    expect(() => transition('new', 'waive', ' ')).toThrow(/reason/);
    expect(transition('acknowledged', 'waive', '已报批')).toBe('waived');
    expect(onRun('waived', true)).toBeNull();
    expect(onRun('waived', false)).toBe('clear');
  });
  it('refuses what does not apply, with a clear message', () => {
    expect(() => transition('acknowledged', 'ack')).toThrow('An acknowledged finding cannot be acknowledged');
    expect(() => transition('resolved', 'waive', 'x')).toThrow(/cannot be waived/);
  });
});
