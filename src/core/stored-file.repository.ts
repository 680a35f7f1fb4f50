// Uploaded files kept in the database (PostgreSQL): one row per file, its bytes in numbered chunks.
import { sql } from 'kysely';
import type { Db } from './db/connect.js';

/**
 * Claims a file's name before its chunks are written; false when it is stored already. A second
 * instance storing the same file at the same time waits here until the first commits, then gets
 * false (or the claim, if the first rolled back), so a file never gets two sets of chunks.
 */
export async function claimFile(trx: Db, name: string, size: number): Promise<boolean> {
  const row = await trx.insertInto('stored_file').values({ name, size }).onConflict((oc) => oc.column('name').doNothing()).returning('name').executeTakeFirst();
  return row !== undefined;
}

export async function insertChunk(trx: Db, name: string, seq: number, bytes: Buffer): Promise<void> {
  await trx.insertInto('stored_file_chunk').values({ name, seq, bytes }).execute();
}

export async function storedFileSize(db: Db, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('stored_file').select('size').where('name', '=', name).executeTakeFirst();
  return row?.size;
}

export async function readChunk(db: Db, name: string, seq: number): Promise<Buffer | undefined> {
  const row = await db.selectFrom('stored_file_chunk').select('bytes').where('name', '=', name).where('seq', '=', seq).executeTakeFirst();
  return row?.bytes;
}

/** Which of these names are stored. */
export async function storedNames(db: Db, names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const rows = await db.selectFrom('stored_file').select('name').where('name', 'in', names).execute();
  return rows.map((r) => r.name);
}

/** Whether the database has the file tables yet (a restore loads rows at the backup's migration level, which may predate them). */
export async function hasFileTables(db: Db): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass('stored_file') is not null as present`.execute(db);
  return rows[0]!.present;
}
