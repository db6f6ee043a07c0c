import type SQLite from 'better-sqlite3';

/**
 * Counts the group commits the writer forms on a running SQLite node: every transaction on the
 * connection that stored readings, and how many (the readings' sequence before and after it). Two
 * indexed MAX lookups per transaction; nothing in the server changes. `stop()` restores the connection.
 */
export function watchGroupCommits(db: SQLite.Database) {
  const maxSeq = db.prepare('SELECT MAX(seq) FROM readings').pluck();
  const sizes: number[] = [];
  const original = db.transaction;
  db.transaction = function <F extends (...args: any[]) => unknown>(this: SQLite.Database, fn: F) {
    const counted = function (this: unknown, ...args: Parameters<F>) {
      const before = Number(maxSeq.get() ?? 0);
      const out = fn.apply(this, args);
      const rows = Number(maxSeq.get() ?? 0) - before;
      if (rows > 0) sizes.push(rows);
      return out;
    } as unknown as F;
    return original.call(db, counted);
  } as typeof db.transaction;
  return {
    /** Group commits counted so far: how many, and their mean size in readings. */
    stop(): { commits: number; meanRows: number } {
      db.transaction = original;
      const rows = sizes.reduce((a, b) => a + b, 0);
      return { commits: sizes.length, meanRows: sizes.length ? rows / sizes.length : 0 };
    },
  };
}
