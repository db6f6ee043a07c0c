/**
 * The four warning levels of GB 39496-2020 §5.5.4, low to high: 蓝色, 黄色, 橙色, 红色.
 * Everything that compares levels goes through `levelRank` so that the order lives in one place.
 */
export const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  blue: { zh: '蓝色预警', en: 'Blue warning' },
  yellow: { zh: '黄色预警', en: 'Yellow warning' },
  orange: { zh: '橙色预警', en: 'Orange warning' },
  red: { zh: '红色预警', en: 'Red warning' },
};

export function isLevel(x: unknown): x is Level {
  return typeof x === 'string' && (LEVELS as readonly string[]).includes(x);
}

/** 0 for no level, 1 for blue … 4 for red. */
export function levelRank(level: Level | null | undefined): number {
  return level ? LEVELS.indexOf(level) + 1 : 0;
}

/** The higher of two levels (null counts as below blue). */
export function maxLevel(a: Level | null | undefined, b: Level | null | undefined): Level | null {
  return levelRank(a) >= levelRank(b) ? (a ?? null) : (b ?? null);
}

/** The level one step up; red stays red. */
export function nextLevel(level: Level): Level {
  return LEVELS[Math.min(LEVELS.indexOf(level) + 1, LEVELS.length - 1)]!;
}

/** The highest level in a list, or null when none is set. */
export function highestLevel(levels: Iterable<Level | null | undefined>): Level | null {
  let best: Level | null = null;
  for (const l of levels) best = maxLevel(best, l);
  return best;
}
