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
    if (first) problems.push({ kind: 'duplicate_number', numbers: [t.number], line: t.line, message: `Item number ${t.number} is used twice (lines ${first.line} and ${t.line})` });
    else seen.set(t.number, t);
    if (prev && t.number < prev.number && !first) {
      problems.push({ kind: 'out_of_order', numbers: [prev.number, t.number], line: t.line, message: `Item ${t.number} (line ${t.line}) comes after item ${prev.number}` });
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
        problems.push({ kind: 'missing_number', line, message: `Items ${expected}–${n - 1} (${count} numbers) are missing before item ${n}` });
      } else {
        const numbers = Array.from({ length: count }, (_, i) => expected + i);
        const which = count === 1 ? `Item ${expected} is` : `Items ${numbers.join(', ')} are`;
        problems.push({ kind: 'missing_number', numbers, line, message: `${which} missing from the sequence (before item ${n}, line ${line})` });
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
      problems.push({ kind: 'missing_subitem', numbers: [t.number], line: t.line, message: `Item ${t.number}: sub-item${missing.length > 1 ? 's' : ''} ${missing.map((m) => `(${m})`).join(' ')} missing` });
    }
  }
  return problems;
}
