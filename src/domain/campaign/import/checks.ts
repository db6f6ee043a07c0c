import * as say from './messages.ts';
import { splitSubItems } from './numbering.ts';
import type { ImportedTask, Problem } from './types.ts';

const MAX_GAP_LISTED = 500;

/** Numbers missing from the sequence 1…max, numbers used twice, and numbers that go backwards. */
export function checkNumbers(tasks: ImportedTask[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<number, ImportedTask>();
  let prev: ImportedTask | undefined;
  for (const t of tasks) {
    const first = seen.get(t.number);
    if (first) problems.push({ kind: 'duplicate_number', numbers: [t.number], line: t.line, ...say.duplicateNumber(t.number, first.line, t.line) });
    else seen.set(t.number, t);
    if (prev && t.number < prev.number && !first) {
      problems.push({ kind: 'out_of_order', numbers: [prev.number, t.number], line: t.line, ...say.outOfOrder(t.number, t.line, prev.number) });
    }
    prev = t;
  }
  const sorted = [...seen.keys()].sort((a, b) => a - b);
  let expected = 1;
  for (const n of sorted) {
    if (n > expected) {
      const line = seen.get(n)!.line;
      const count = n - expected;
      if (count > MAX_GAP_LISTED) {
        problems.push({ kind: 'missing_number', line, ...say.missingNumberRange(expected, n - 1, n) });
      } else {
        const numbers = Array.from({ length: count }, (_, i) => expected + i);
        problems.push({ kind: 'missing_number', numbers, line, ...say.missingNumbers(numbers, n, line) });
      }
    }
    expected = n + 1;
  }
  return problems;
}

/** Sub-item runs with a gap: (1) (3) without (2). */
export function checkSubItems(tasks: ImportedTask[]): Problem[] {
  const problems: Problem[] = [];
  for (const t of tasks) {
    const numbers = splitSubItems(t.text).items.map((i) => i.number);
    if (numbers.length === 0) continue;
    const missing: number[] = [];
    let expected = 1;
    for (const n of numbers) {
      for (let k = expected; k < n; k++) missing.push(k);
      expected = n + 1;
    }
    if (missing.length) {
      problems.push({ kind: 'missing_subitem', numbers: [t.number], line: t.line, ...say.missingSubItems(t.number, missing) });
    }
  }
  return problems;
}
