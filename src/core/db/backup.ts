// Logical backup: gzipped JSON lines with a format version and the migration level — our tables' rows,
// then the stored files those rows name — so a backup taken on the embedded database restores on
// PostgreSQL and back. It holds everything, secrets included: see README.md on keeping it safe.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { migrations } from './migrations/index.js';
import { migrateToLatest } from './migrate.js';
import { Migrator } from 'kysely/migration';
import type { Db } from './connect.js';
import type { Progress } from '../progress.js';
import { silentProgress } from '../progress.js';
import { isStoredFileName, type FileIntake, type FileStore } from '../files.js';
import { byteChunks } from '../byte-stream.js';
import { errorCode, errorMessage } from '../error-code.js';

export const backupFormat = 'kenes-backup';
/** 1: rows only; 2: rows, then the stored files they name. */
export const backupFormatVersion = 2;
const batchSize = 500;
/** Bytes of a stored file per line (a multiple of 3, so 256 KiB of base64): memory stays bounded. */
const bytesPerLine = 192 * 1024;
/**
 * Tables a backup does not carry as rows: the migrator's own, and the file store's (on PostgreSQL the
 * stored files are rows there; they travel as files, like the embedded database's, and never twice).
 */
const internalTables = new Set(['kysely_migration', 'kysely_migration_lock', 'stored_file', 'stored_file_chunk']);

/** The columns that name a file in the file store ('<sha256>.<ext>'); backup.test.ts fails when a new one is missing. */
export const fileColumns = [
  { table: 'person', column: 'photo_file' },
  { table: 'meeting_minutes', column: 'file_hash' },
  { table: 'meeting_paper', column: 'file_hash' },
  { table: 'plan_report_attachment', column: 'file_name' },
  { table: 'library_file', column: 'file_name' },
  { table: 'outreach_event_photo', column: 'file_name' },
  { table: 'outreach_event_file', column: 'file_name' },
  { table: 'news_item', column: 'photo_file' },
] as const;

/** The first line of a backup. */
const backupHeader = z.object({
  format: z.literal(backupFormat),
  version: z.number(),
  created_at: z.string(),
  migration: z.string(),
  tables: z.array(z.object({ name: z.string(), rows: z.number() })),
  /** From version 2: the stored files that follow the rows, and those the rows name but the store lacked. */
  files: z.object({ count: z.number(), bytes: z.number(), missing: z.array(z.string()) }).optional(),
});
export type BackupHeader = z.infer<typeof backupHeader>;

/*
 * Lines after the header:
 *   {"table": "<name>", "rows": [...]}          up to 500 rows of a table, referenced tables first
 *   {"file": "<sha256>.<ext>", "size": <bytes>} a stored file begins; its bytes follow in
 *   {"chunk": "<base64>"}                        lines of up to 192 KiB of bytes each, checked against the name on restore
 */

export class BackupError extends Error {}

const unqualified = (name: string) => name.replace(/^.*\./, '').replaceAll('"', '');

/** Our tables in an order that satisfies foreign keys (referenced tables first). */
async function tablesInDependencyOrder(db: Kysely<any>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const deps = await sql<{ child: string; parent: string }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((n) => !internalTables.has(n));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const d of deps.rows) {
    const child = unqualified(d.child);
    const parent = unqualified(d.parent);
    if (child !== parent) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (n: string) => {
    if (ordered.includes(n) || visiting.has(n)) return;
    visiting.add(n);
    for (const p of parents.get(n) ?? []) visit(p);
    ordered.push(n);
  };
  names.forEach(visit);
  return ordered;
}

async function insertableColumns(db: Kysely<any>, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`.execute(db);
  return result.rows.map((r) => r.name);
}

async function primaryKeyColumns(db: Kysely<any>, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${sql.lit(table)}::regclass and i.indisprimary order by a.attnum`.execute(db);
  return result.rows.map((r) => r.name);
}

async function executedMigration(db: Kysely<any>): Promise<string | undefined> {
  const all = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).getMigrations();
  return all.filter((m) => m.executedAt).map((m) => m.name).toSorted().at(-1);
}

/** The stored files the rows name, each once, in name order. */
async function referencedFiles(db: Kysely<any>): Promise<string[]> {
  const present = await sql<{ t: string; c: string }>`
    select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`.execute(db);
  const has = new Set(present.rows.map((r) => `${r.t}.${r.c}`));
  const selects = fileColumns.filter((f) => has.has(`${f.table}.${f.column}`)).map((f) => sql`select ${sql.ref(f.column)} as name from ${sql.table(f.table)}`);
  if (!selects.length) return [];
  const result = await sql<{ name: string }>`
    select distinct name from (${sql.join(selects, sql` union `)}) f where name is not null order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

async function* fileLines(files: FileStore, name: string, size: number): AsyncGenerator<string> {
  const stored = await files.open(name);
  if (!stored) throw new BackupError(`The stored file ${name} left ${files.location} while the backup was written; no backup was written.`);
  yield `${JSON.stringify({ file: name, size })}\n`;
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of byteChunks(stored.stream)) {
    hash.update(chunk);
    read += chunk.length;
    for (let at = 0; at < chunk.length; at += bytesPerLine) {
      yield `${JSON.stringify({ chunk: chunk.subarray(at, at + bytesPerLine).toString('base64') })}\n`;
    }
  }
  // A damaged store would give a backup that cannot be restored: better to say so now.
  if (read !== size || hash.digest('hex') !== name.slice(0, 64)) {
    throw new BackupError(`The stored file ${name} in ${files.location} does not match its name (damaged or changed); no backup was written.`);
  }
}

interface BackupPlan {
  header: BackupHeader;
  files: { name: string; size: number }[];
}

/** What the backup will hold: its header (tables and their row counts, the files), and the files to copy. */
async function planBackup(db: Kysely<any>, store: FileStore): Promise<BackupPlan> {
  const migration = await executedMigration(db);
  if (!migration) throw new BackupError('The database has no migrations applied; there is nothing to back up.');
  const tables = await tablesInDependencyOrder(db);
  const counts: { name: string; rows: number }[] = [];
  for (const name of tables) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts.push({ name, rows: r.rows[0]!.n });
  }
  const files: { name: string; size: number }[] = [];
  const missing: string[] = [];
  for (const name of await referencedFiles(db)) {
    const size = isStoredFileName(name) ? await store.size(name) : undefined;
    if (size === undefined) missing.push(name);
    else files.push({ name, size });
  }
  const header: BackupHeader = {
    format: backupFormat,
    version: backupFormatVersion,
    created_at: new Date().toISOString(),
    migration,
    tables: counts,
    files: { count: files.length, bytes: files.reduce((n, f) => n + f.size, 0), missing },
  };
  return { header, files };
}

async function* backupLines(db: Kysely<any>, store: FileStore, { header, files }: BackupPlan, progress: Progress): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const { name, rows } of header.tables) {
    const pk = await primaryKeyColumns(db, name);
    const orderBy = pk.length ? sql.join(pk.map((c) => sql.ref(c))) : sql`ctid`;
    for (let offset = 0; offset < rows; offset += batchSize) {
      const batch = await sql<{ row: unknown }>`
        select row_to_json(t) as row from ${sql.table(name)} t order by ${orderBy} limit ${batchSize} offset ${offset}`.execute(db);
      yield `${JSON.stringify({ table: name, rows: batch.rows.map((r) => r.row) })}\n`;
      progress.step(`backup ${name}`, Math.min(offset + batchSize, rows), rows);
    }
  }
  for (const [index, { name, size }] of files.entries()) {
    yield* fileLines(store, name, size);
    progress.step('backup files', index + 1, files.length);
  }
}

export interface BackupOptions {
  /** The file store that holds the files the rows name (openFileStore for the same database). */
  files: FileStore;
  progress?: Progress;
}

/**
 * Writes a backup to a new file, readable by its owner only (created with mode 0600). An existing
 * file is refused rather than overwritten: it may be the last good backup, and an existing file
 * would keep its own, possibly wider, permissions. A failed backup removes what it wrote.
 */
export async function writeBackup(db: Kysely<any>, file: string, options: BackupOptions): Promise<BackupHeader> {
  const progress = options.progress ?? silentProgress;
  let handle: FileHandle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') throw new BackupError(`${file} already exists; a backup never overwrites a file. Choose a new name or remove the old file.`);
    throw err;
  }
  let plan: BackupPlan;
  try {
    plan = await planBackup(db, options.files);
    await pipeline(Readable.from(backupLines(db, options.files, plan, progress)), createGzip(), createWriteStream(file, { fd: handle }));
  } catch (err) {
    await handle.close().catch(() => {});
    await unlink(file).catch(() => {});
    throw err;
  }
  progress.done();
  return plan.header;
}

async function isEmpty(db: Kysely<any>): Promise<boolean> {
  for (const name of await tablesInDependencyOrder(db)) {
    const r = await sql<{ n: number }>`select count(*)::int as n from (select 1 from ${sql.table(name)} limit 1) x`.execute(db);
    if (r.rows[0]!.n > 0) return false;
  }
  return true;
}

export interface RestoreOptions {
  /** The target's file store (openFileStore for the same database): the backup's files go there. */
  files: FileStore;
  /** Replace the data of a database that is not empty (same migration level only). */
  replace?: boolean;
  progress?: Progress;
}

/** A line after the header: rows of a table, a file's beginning or a chunk of its bytes (see the top). Checked where it is used. */
function parseRecord(line: string): object {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    throw new BackupError('The backup is damaged: a line of it is not JSON.');
  }
  if (typeof record !== 'object' || record === null) throw new BackupError('The backup is damaged: a line of it is not a record.');
  return record;
}

export interface RestoreReport {
  header: BackupHeader;
  /** Stored files written (or already present) in the target's file store. */
  files: number;
  /** What the operator should know: an old format without files, files the source lacked. */
  notes: string[];
}

/**
 * Checks each arriving file against its size and SHA-256 while the store's intake writes it; the
 * intake keeps the files only if the restore commits, so a failure adds nothing.
 */
function fileStaging(intake: FileIntake) {
  let staged = 0;
  let current: { name: string; size: number; written: number; hash: ReturnType<typeof createHash> } | undefined;

  const finish = async () => {
    const c = current!;
    current = undefined;
    if (c.hash.digest('hex') !== c.name.slice(0, 64)) {
      throw new BackupError(`The backup's copy of the file ${c.name} is damaged (its content does not match its SHA-256); nothing was restored.`);
    }
    await intake.end();
    staged++;
  };

  return {
    async begin(name: unknown, size: unknown) {
      if (current) throw new BackupError(`The backup is damaged: the file ${current.name} ends after ${current.written} of ${current.size} bytes.`);
      if (typeof name !== 'string' || !isStoredFileName(name) || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw new BackupError(`The backup is damaged: a file record names ${JSON.stringify(name)} (${JSON.stringify(size)} bytes).`);
      }
      await intake.begin(name, size);
      current = { name, size, written: 0, hash: createHash('sha256') };
      if (size === 0) await finish();
    },
    async chunk(data: unknown) {
      if (!current || typeof data !== 'string') throw new BackupError('The backup is damaged: file content outside a file record.');
      const bytes = Buffer.from(data, 'base64');
      current.written += bytes.length;
      if (current.written > current.size) throw new BackupError(`The backup is damaged: the file ${current.name} is longer than its ${current.size} bytes.`);
      current.hash.update(bytes);
      await intake.write(bytes);
      if (current.written === current.size) await finish();
    },
    count: () => staged,
    /** Whether a file was left unfinished (a truncated backup). */
    unfinished: () => current?.name,
    commit: () => intake.commit(),
  };
}

/**
 * Restores a backup into the database and its files into the file store: on an empty database it
 * migrates to the backup's level, loads the rows, then migrates to the latest; with `replace` it
 * empties a database at the same level first. The rows load in one transaction and the files join
 * the store just before it commits: a failed restore leaves no rows and no files behind (an empty
 * database may be left migrated to the backup's level, and a later restore carries on from there).
 */
export async function restoreBackup(db: Db, file: string, options: RestoreOptions): Promise<RestoreReport> {
  const progress = options.progress ?? silentProgress;
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const lines = input[Symbol.asyncIterator]();
  const first = await lines.next().catch((err: unknown) => {
    throw new BackupError(`${file} is not a Kenes backup (${errorMessage(err)}).`);
  });
  let header: BackupHeader;
  try {
    header = backupHeader.parse(JSON.parse(String(first.value)));
  } catch {
    throw new BackupError(`${file} is not a Kenes backup.`);
  }
  if (header.version > backupFormatVersion) {
    throw new BackupError(`The backup's format version ${header.version} is newer than this Kenes understands (${backupFormatVersion}); upgrade Kenes.`);
  }
  if (!(header.migration in migrations)) {
    throw new BackupError(`The backup was made by a newer Kenes (migration ${header.migration}); upgrade Kenes first.`);
  }
  const notes: string[] = [];
  if (header.version < 2) {
    notes.push(`This backup is in format ${header.version}, made before backups carried uploaded files: the rows are restored, but photos, papers and minutes files are not — copy KENES_DATA_DIR/files from the old server by hand.`);
  }
  if (header.files?.missing.length) {
    notes.push(`${header.files.missing.length} files the rows name were missing from the old server's store and are not in the backup: ${header.files.missing.join(', ')}.`);
  }

  const current = await executedMigration(db);
  const empty = current === undefined || (await isEmpty(db));
  if (!empty) {
    if (!options.replace) throw new BackupError('The database already holds data; restore into an empty database, or pass --replace.');
    if (current !== header.migration) {
      throw new BackupError(`The database is at migration ${current}, the backup at ${header.migration}; restore into an empty database instead.`);
    }
  } else {
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(header.migration);
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }

  let intake: FileIntake | undefined;
  let files = 0;
  let failed = true;
  try {
    await db.transaction().execute(async (trx) => {
      intake = await options.files.intake(trx);
      const staging = fileStaging(intake);
      // Foreign keys are checked per statement; with superuser rights we also allow any row order.
      await sql`savepoint replica_role`.execute(trx);
      try {
        await sql`set local session_replication_role = replica`.execute(trx);
      } catch {
        await sql`rollback to savepoint replica_role`.execute(trx);
      }
      const tables = await tablesInDependencyOrder(trx);
      // Also into an empty database: its migrations may have seeded rows (news categories) that the backup carries too.
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} cascade`.execute(trx);
      const columnsByTable = new Map<string, string[]>();
      const loaded = new Map<string, number>();
      const filesExpected = header.files?.count ?? 0;
      for await (const line of input) {
        if (!line.trim()) continue;
        const record = parseRecord(line);
        if ('chunk' in record) {
          await staging.chunk(record.chunk);
          continue;
        }
        if ('file' in record) {
          await staging.begin(record.file, 'size' in record ? record.size : undefined);
          progress.step('restore files', staging.count() + 1, filesExpected);
          continue;
        }
        const table = String('table' in record ? record.table : undefined);
        const rows = 'rows' in record ? record.rows : undefined;
        if (!tables.includes(table) || !Array.isArray(rows)) throw new BackupError(`The backup has a table this database does not: ${table}.`);
        let columns = columnsByTable.get(table);
        if (!columns) {
          columns = await insertableColumns(trx, table);
          columnsByTable.set(table, columns);
        }
        const cols = sql.join(columns.map((c) => sql.ref(c)));
        await sql`insert into ${sql.table(table)} (${cols})
          select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(trx);
        const done = (loaded.get(table) ?? 0) + rows.length;
        loaded.set(table, done);
        progress.step(`restore ${table}`, done, header.tables.find((t) => t.name === table)?.rows);
      }
      for (const t of header.tables) {
        if ((loaded.get(t.name) ?? 0) !== t.rows) {
          throw new BackupError(`The backup is incomplete: ${t.name} has ${loaded.get(t.name) ?? 0} of ${t.rows} rows.`);
        }
      }
      const unfinished = staging.unfinished();
      if (unfinished || staging.count() !== filesExpected) {
        throw new BackupError(`The backup is incomplete: ${staging.count()} of ${filesExpected} files${unfinished ? `, and ${unfinished} cut short` : ''}.`);
      }
      await staging.commit();
      files = staging.count();
    });
    failed = false;
  } finally {
    await intake?.discard(failed);
  }
  await migrateToLatest(db);
  // A backup older than the file tables left its files in the data directory (see FileIntake):
  // on PostgreSQL they join the database now.
  await options.files.adoptLocalFiles();
  progress.done();
  return { header, files, notes };
}
