import { distance } from 'fastest-levenshtein';
import * as say from './messages.ts';
import { comparable } from './normalize.ts';
import type { ImportedTask, Problem } from './types.ts';

/** At or above this normalized Levenshtein similarity two tasks are near-duplicates. */
export const NEAR_DUPLICATE = 0.8;
/** Or when one text holds nearly all of the other (item 19 is item 4 without its first clause). */
const CONTAINED = 0.9;
const MIN_LENGTH = 12;
/** Past this many tasks the pairwise check would take too long; it is skipped and said so. */
export const MAX_COMPARED = 1000;
/** A list copied twice over would otherwise report every pair; past this the rest are counted. */
const MAX_REPORTED = 200;

/** 1 − distance / longer length: 1 for equal texts, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

/** How much of the shorter text the longer one holds, edits beyond the length difference counted against it. */
function containment(a: string, b: string, d: number): number {
  const shorter = Math.min(a.length, b.length);
  return shorter === 0 ? 0 : 1 - (d - Math.abs(a.length - b.length)) / shorter;
}

/**
 * Pairs of tasks saying (nearly) the same thing, compared on their text without spaces and
 * punctuation, as characters: Chinese needs no word splitting for this.
 */
export function nearDuplicates(tasks: ImportedTask[]): Problem[] {
  if (tasks.length > MAX_COMPARED) {
    return [{ kind: 'check_skipped', ...say.duplicateCheckSkipped(tasks.length, MAX_COMPARED) }];
  }
  const texts = tasks.map((t) => comparable(t.text));
  const problems: Problem[] = [];
  let more = 0;
  for (let i = 0; i < tasks.length; i++) {
    for (let j = i + 1; j < tasks.length; j++) {
      const a = texts[i]!;
      const b = texts[j]!;
      if (a.length < MIN_LENGTH || b.length < MIN_LENGTH) continue;
      const ratio = Math.min(a.length, b.length) / Math.max(a.length, b.length);
      if (ratio < 0.5) continue;
      const d = distance(a, b);
      const sim = 1 - d / Math.max(a.length, b.length);
      const held = containment(a, b, d);
      if (sim < NEAR_DUPLICATE && held < CONTAINED) continue;
      if (problems.length >= MAX_REPORTED) {
        more++;
        continue;
      }
      const [x, y] = [tasks[i]!, tasks[j]!];
      problems.push({
        kind: 'near_duplicate',
        numbers: [x.number, y.number],
        line: y.line,
        similarity: Math.round(sim * 1000) / 1000,
        ...say.nearDuplicate(x.number, y.number, sim, sim >= NEAR_DUPLICATE ? undefined : held),
      });
    }
  }
  if (more) problems.push({ kind: 'near_duplicate', ...say.moreNearDuplicates(more) });
  return problems;
}
