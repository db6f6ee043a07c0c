import type { Executor } from '../db.ts';

export interface FilesTable {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  name: string | null;
  region_code: string;
  enterprise_id: string | null;
  created_by: string | null;
  created_at: number;
  origin_node: string;
}

declare module '../schema.ts' {
  interface Database {
    files: FilesTable;
  }
}

export async function insertFile(db: Executor, row: FilesTable): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export async function findFile(db: Executor, id: string): Promise<FilesTable | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}
