// Stored files kept in the database (PostgreSQL), in chunks.
import type { Generated } from 'kysely';

/** An uploaded file kept in the database (PostgreSQL only; the embedded database keeps files in its data directory). */
export interface StoredFileTable {
  /** '<sha256>.<ext>', as the columns that name a file hold it. */
  name: string;
  size: number;
  created_at: Generated<Date>;
}

/** A file's bytes, in chunks of up to 256 KiB numbered from 0. */
export interface StoredFileChunkTable {
  name: string;
  seq: number;
  bytes: Buffer;
}

export interface FilesTables {
  stored_file: StoredFileTable;
  stored_file_chunk: StoredFileChunkTable;
}
