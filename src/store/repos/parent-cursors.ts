import type { Executor } from '../db.ts';
import { getSetting, putSetting } from './settings.ts';

/** This node's own cursors toward its parent, durable across restarts (what the parent acknowledged). */
export async function loadCursor(db: Executor, name: string): Promise<number> {
  return Number((await getSetting(db, `sync.cursor.${name}`)) ?? 0);
}

export async function saveCursor(db: Executor, name: string, seq: number, now: number): Promise<void> {
  await putSetting(db, `sync.cursor.${name}`, String(seq), now);
}
