// Uploaded files (deputies' photos, meeting papers, approved minutes) by content hash. Where they
// live follows the database: on the embedded database in its data directory, which one process
// owns; on PostgreSQL in the database itself, so that every instance serves every file. See README.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { DatabaseHandle, Db } from './db/connect.js';
import { byteChunks } from './byte-stream.js';
import { errorCode } from './error-code.js';
import { claimFile, hasFileTables, insertChunk, readChunk, storedFileSize, storedNames } from './stored-file.repository.js';

export interface StoredFile {
  size: number;
  /** The bytes, read a chunk at a time as the consumer takes them (memory stays bounded). */
  stream: Readable;
}

/**
 * A backup's files arriving during a restore, inside the restore's transaction: each file's bytes
 * in order (the restore checks them against the name), kept only when the restore commits.
 */
export interface FileIntake {
  begin(name: string, size: number): Promise<void>;
  write(bytes: Buffer): Promise<void>;
  end(): Promise<void>;
  /** Called just before the restore's transaction commits: the files join the store. */
  commit(): Promise<void>;
  /** Removes what was not committed (after a failure, also a directory the intake made). */
  discard(failed: boolean): Promise<void>;
}

export interface AdoptionReport {
  copied: number;
  /** Files in the data directory whose content does not match their name: left where they are. */
  damaged: string[];
}

export interface FileStore {
  readonly kind: 'directory' | 'database';
  /** Where the files are, for messages. */
  readonly location: string;
  /** Stores the bytes and returns their name: the SHA-256 and the extension. Storing twice is harmless. */
  put(bytes: Buffer, extension: string): Promise<string>;
  /** The whole file in memory: for small files (photos, minutes) and callers that need the bytes. */
  read(name: string): Promise<Buffer | undefined>;
  /** The file as a stream, for serving large files (papers up to 20 MB). */
  open(name: string): Promise<StoredFile | undefined>;
  size(name: string): Promise<number | undefined>;
  /** For a restore: takes in a backup's files within the restore's transaction. */
  intake(trx: Db): Promise<FileIntake>;
  /** PostgreSQL: copies files an earlier Kenes kept in this instance's data directory into the database. */
  adoptLocalFiles(signal?: AbortSignal): Promise<AdoptionReport>;
}

const namePattern = /^[0-9a-f]{64}\.[a-z0-9]{1,5}$/;
/** Bytes per read of a stream and per row of stored_file_chunk. */
export const fileChunkSize = 256 * 1024;

/** The file store's directory under a data directory (KENES_DATA_DIR/files). */
export const fileStoreDir = (dataDir: string): string => path.join(dataDir, 'files');

/** Whether a name is one the store gives out ('<sha256>.<ext>'): safe to join to a path. */
export const isStoredFileName = (name: string): boolean => namePattern.test(name);

/** Where a directory store under `root` keeps a file. */
export const storedFilePath = (root: string, name: string): string => path.join(root, name.slice(0, 2), name);

const nameFor = (bytes: Buffer, extension: string) => `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;

const isMissing = (err: unknown) => errorCode(err) === 'ENOENT';

async function openIfPresent(file: string): Promise<FileHandle | undefined> {
  try {
    return await open(file, 'r');
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

/**
 * The store for this database: in the database on PostgreSQL (several instances may share it), in
 * KENES_DATA_DIR/files on the embedded database — large files inside PGlite would stay in its memory.
 */
export function openFileStore(database: Pick<DatabaseHandle, 'db' | 'kind'>, dataDir: string): FileStore {
  return database.kind === 'postgres' ? createDatabaseFileStore(database.db, fileStoreDir(dataDir)) : createDirectoryFileStore(fileStoreDir(dataDir));
}

/** Files in a directory, two levels deep (`ab/abcd….pdf`). */
export function createDirectoryFileStore(root: string): FileStore {
  const where = (name: string) => storedFilePath(root, name);
  const openFile = async (name: string): Promise<StoredFile | undefined> => {
    const handle = isStoredFileName(name) ? await openIfPresent(where(name)) : undefined;
    if (!handle) return undefined;
    const { size } = await handle.stat();
    return { size, stream: handle.createReadStream({ highWaterMark: fileChunkSize }) };
  };
  return {
    kind: 'directory',
    location: root,
    async put(bytes, extension) {
      const name = nameFor(bytes, extension);
      const file = where(name);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file (two writers of one file use two names).
      const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
      return name;
    },
    async read(name) {
      if (!isStoredFileName(name)) return undefined;
      try {
        return await readFile(where(name));
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    open: openFile,
    async size(name) {
      if (!isStoredFileName(name)) return undefined;
      try {
        return (await stat(where(name))).size;
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    intake: async () => directoryIntake(root),
    adoptLocalFiles: async () => ({ copied: 0, damaged: [] }),
  };
}

/** Files arrive in a directory beside the store and move into it on commit, so a failed restore adds nothing. */
function directoryIntake(root: string): FileIntake {
  let dir: string | undefined;
  let createdFrom: string | undefined;
  const staged: string[] = [];
  let current: { name: string; handle: FileHandle } | undefined;
  return {
    async begin(name) {
      if (!dir) {
        dir = path.join(root, `.restore-${process.pid}-${randomBytes(4).toString('hex')}`);
        createdFrom = await mkdir(dir, { recursive: true });
      }
      current = { name, handle: await open(path.join(dir, name), 'w') };
    },
    async write(bytes) {
      await current!.handle.write(bytes);
    },
    async end() {
      await current!.handle.close();
      staged.push(current!.name);
      current = undefined;
    },
    async commit() {
      for (const name of staged) {
        const target = storedFilePath(root, name);
        await mkdir(path.dirname(target), { recursive: true });
        await rename(path.join(dir!, name), target);
      }
    },
    async discard(failed) {
      await current?.handle.close().catch(() => {});
      // After a failure, also remove the store's directory if the restore made it.
      const remove = failed ? (createdFrom ?? dir) : dir;
      if (remove) await rm(remove, { recursive: true, force: true });
    },
  };
}

/** Writes a file's bytes into stored_file_chunk in chunks of fileChunkSize, whatever sizes they arrive in. */
function chunkWriter(trx: Db, name: string) {
  let seq = 0;
  let pending = Buffer.alloc(0);
  return {
    async write(bytes: Buffer) {
      let data = pending.length ? Buffer.concat([pending, bytes]) : bytes;
      while (data.length >= fileChunkSize) {
        await insertChunk(trx, name, seq++, data.subarray(0, fileChunkSize));
        data = data.subarray(fileChunkSize);
      }
      // A copy: the caller may reuse its buffer.
      pending = Buffer.from(data);
    },
    async end() {
      if (pending.length) await insertChunk(trx, name, seq++, pending);
      pending = Buffer.alloc(0);
    },
  };
}

class DamagedFile extends Error {}

/**
 * Files in the database (PostgreSQL). `localDir` is this instance's KENES_DATA_DIR/files, where an
 * earlier Kenes kept them: a file found there but not in the database is copied in, on a read that
 * misses and by adoptLocalFiles (run when the app starts).
 */
export function createDatabaseFileStore(db: Db, localDir: string): FileStore {
  /** Copies one file from the data directory in, checked against its name, in one transaction. */
  async function adopt(name: string): Promise<'copied' | 'absent' | 'damaged'> {
    const handle = isStoredFileName(name) ? await openIfPresent(storedFilePath(localDir, name)) : undefined;
    if (!handle) return 'absent';
    try {
      const { size } = await handle.stat();
      await db.transaction().execute(async (trx) => {
        if (!(await claimFile(trx, name, size))) return;
        const writer = chunkWriter(trx, name);
        const hash = createHash('sha256');
        let read = 0;
        for await (const chunk of byteChunks(handle.createReadStream({ highWaterMark: fileChunkSize, autoClose: false }))) {
          hash.update(chunk);
          read += chunk.length;
          await writer.write(chunk);
        }
        await writer.end();
        if (read !== size || hash.digest('hex') !== name.slice(0, 64)) throw new DamagedFile(name);
      });
      return 'copied';
    } catch (err) {
      if (err instanceof DamagedFile) return 'damaged';
      throw err;
    } finally {
      await handle.close();
    }
  }

  async function sizeOf(name: string): Promise<number | undefined> {
    if (!isStoredFileName(name)) return undefined;
    const size = await storedFileSize(db, name);
    if (size !== undefined) return size;
    return (await adopt(name)) === 'copied' ? storedFileSize(db, name) : undefined;
  }

  // A chunk per query, fetched when the stream's consumer wants more.
  async function* chunks(name: string, size: number): AsyncGenerator<Buffer> {
    let sent = 0;
    for (let seq = 0; sent < size; seq++) {
      const bytes = await readChunk(db, name, seq);
      if (!bytes) break;
      sent += bytes.length;
      yield bytes;
    }
    if (sent !== size) throw new Error(`The stored file ${name} has ${sent} of its ${size} bytes in the database.`);
  }

  const openFile = async (name: string): Promise<StoredFile | undefined> => {
    const size = await sizeOf(name);
    if (size === undefined) return undefined;
    return { size, stream: Readable.from(chunks(name, size), { objectMode: false, highWaterMark: fileChunkSize }) };
  };

  return {
    kind: 'database',
    location: 'the database (table stored_file)',
    async put(bytes, extension) {
      const name = nameFor(bytes, extension);
      await db.transaction().execute(async (trx) => {
        if (!(await claimFile(trx, name, bytes.length))) return;
        const writer = chunkWriter(trx, name);
        await writer.write(bytes);
        await writer.end();
      });
      return name;
    },
    async read(name) {
      const found = await openFile(name);
      if (!found) return undefined;
      const parts: Buffer[] = [];
      for await (const part of byteChunks(found.stream)) parts.push(part);
      return Buffer.concat(parts);
    },
    open: openFile,
    size: sizeOf,
    async intake(trx) {
      // A backup older than the file tables loads its rows before they exist: its files go to the
      // data directory, and restoreBackup adopts them once the database is migrated.
      if (!(await hasFileTables(trx))) return directoryIntake(localDir);
      let writer: ReturnType<typeof chunkWriter> | undefined;
      return {
        async begin(name, size) {
          writer = (await claimFile(trx, name, size)) ? chunkWriter(trx, name) : undefined;
        },
        async write(bytes) {
          await writer?.write(bytes);
        },
        async end() {
          await writer?.end();
          writer = undefined;
        },
        // The rows are the restore's transaction: it commits them or rolls them back.
        commit: async () => {},
        discard: async () => {},
      };
    },
    async adoptLocalFiles(signal) {
      const report: AdoptionReport = { copied: 0, damaged: [] };
      const names = await namesIn(localDir);
      for (let at = 0; at < names.length; at += 500) {
        const batch = names.slice(at, at + 500);
        const present = new Set(await storedNames(db, batch));
        for (const name of batch) {
          if (signal?.aborted) return report;
          if (present.has(name)) continue;
          const outcome = await adopt(name);
          if (outcome === 'copied') report.copied++;
          if (outcome === 'damaged') report.damaged.push(name);
        }
      }
      return report;
    },
  };
}

/** The stored files in a directory store's layout (`ab/abcd….ext`), skipping restore leftovers and temporary files. */
async function namesIn(root: string): Promise<string[]> {
  let dirs: string[];
  try {
    dirs = await readdir(root);
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
  const names: string[] = [];
  for (const dir of dirs.filter((d) => /^[0-9a-f]{2}$/.test(d)).toSorted()) {
    const entries = await readdir(path.join(root, dir)).catch((err: unknown) => (isMissing(err) ? [] : Promise.reject(err)));
    names.push(...entries.filter((n) => isStoredFileName(n) && n.startsWith(dir)).toSorted());
  }
  return names;
}
