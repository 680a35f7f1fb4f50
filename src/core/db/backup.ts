// Logical backup of our own tables: gzipped JSON lines with a format version and the migration level,
// so a backup taken on the embedded database restores on PostgreSQL and back (not a copy of files).
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { migrations } from './migrations/index.js';
import { migrateToLatest } from './migrate.js';
import { Migrator } from 'kysely/migration';
import type { Progress } from '../progress.js';
import { silentProgress } from '../progress.js';

export const backupFormat = 'kenes-backup';
export const backupFormatVersion = 1;
const batchSize = 500;
const internalTables = new Set(['kysely_migration', 'kysely_migration_lock']);

interface BackupHeader {
  format: typeof backupFormat;
  version: number;
  created_at: string;
  migration: string;
  tables: { name: string; rows: number }[];
}

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

async function* backupLines(db: Kysely<any>, progress: Progress): AsyncGenerator<string> {
  const migration = await executedMigration(db);
  if (!migration) throw new BackupError('The database has no migrations applied; there is nothing to back up.');
  const tables = await tablesInDependencyOrder(db);
  const counts: { name: string; rows: number }[] = [];
  for (const name of tables) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts.push({ name, rows: r.rows[0]!.n });
  }
  const header: BackupHeader = { format: backupFormat, version: backupFormatVersion, created_at: new Date().toISOString(), migration, tables: counts };
  yield `${JSON.stringify(header)}\n`;
  for (const { name, rows } of counts) {
    const pk = await primaryKeyColumns(db, name);
    const orderBy = pk.length ? sql.join(pk.map((c) => sql.ref(c))) : sql`ctid`;
    for (let offset = 0; offset < rows; offset += batchSize) {
      const batch = await sql<{ row: unknown }>`
        select row_to_json(t) as row from ${sql.table(name)} t order by ${orderBy} limit ${batchSize} offset ${offset}`.execute(db);
      yield `${JSON.stringify({ table: name, rows: batch.rows.map((r) => r.row) })}\n`;
      progress.step(`backup ${name}`, Math.min(offset + batchSize, rows), rows);
    }
  }
}

export async function writeBackup(db: Kysely<any>, file: string, progress: Progress = silentProgress): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  const lines = backupLines(db, progress);
  const source = Readable.from(
    (async function* () {
      for await (const line of lines) {
        header ??= JSON.parse(line) as BackupHeader;
        yield line;
      }
    })(),
  );
  await pipeline(source, createGzip(), createWriteStream(file));
  progress.done();
  return header!;
}

async function isEmpty(db: Kysely<any>): Promise<boolean> {
  for (const name of await tablesInDependencyOrder(db)) {
    const r = await sql<{ n: number }>`select count(*)::int as n from (select 1 from ${sql.table(name)} limit 1) x`.execute(db);
    if (r.rows[0]!.n > 0) return false;
  }
  return true;
}

export interface RestoreOptions {
  /** Replace the data of a database that is not empty (same migration level only). */
  replace?: boolean;
  progress?: Progress;
}

/**
 * Restores a backup into the database: on an empty database it migrates to the backup's level, loads
 * the rows, then migrates to the latest; with `replace` it empties a database at the same level first.
 * Everything happens in one transaction: a failed restore leaves the database as it was.
 */
export async function restoreBackup(db: Kysely<any>, file: string, options: RestoreOptions = {}): Promise<BackupHeader> {
  const progress = options.progress ?? silentProgress;
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const lines = input[Symbol.asyncIterator]();
  const first = await lines.next().catch((err: unknown) => {
    throw new BackupError(`${file} is not a Kenes backup (${(err as Error).message}).`);
  });
  let header: BackupHeader;
  try {
    header = JSON.parse(String(first.value)) as BackupHeader;
  } catch {
    throw new BackupError(`${file} is not a Kenes backup.`);
  }
  if (header.format !== backupFormat) throw new BackupError(`${file} is not a Kenes backup.`);
  if (header.version > backupFormatVersion) {
    throw new BackupError(`The backup's format version ${header.version} is newer than this Kenes understands (${backupFormatVersion}); upgrade Kenes.`);
  }
  if (!(header.migration in migrations)) {
    throw new BackupError(`The backup was made by a newer Kenes (migration ${header.migration}); upgrade Kenes first.`);
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

  await db.transaction().execute(async (trx) => {
    // Foreign keys are checked per statement; with superuser rights we also allow any row order.
    await sql`savepoint replica_role`.execute(trx);
    try {
      await sql`set local session_replication_role = replica`.execute(trx);
    } catch {
      await sql`rollback to savepoint replica_role`.execute(trx);
    }
    const tables = await tablesInDependencyOrder(trx);
    if (!empty) {
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} cascade`.execute(trx);
    }
    const columnsByTable = new Map<string, string[]>();
    const loaded = new Map<string, number>();
    for await (const line of input) {
      if (!line.trim()) continue;
      const chunk = JSON.parse(line) as { table: string; rows: Record<string, unknown>[] };
      if (!tables.includes(chunk.table)) throw new BackupError(`The backup has a table this database does not: ${chunk.table}.`);
      let columns = columnsByTable.get(chunk.table);
      if (!columns) {
        columns = await insertableColumns(trx, chunk.table);
        columnsByTable.set(chunk.table, columns);
      }
      const cols = sql.join(columns.map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(chunk.table)} (${cols})
        select ${cols} from json_populate_recordset(null::${sql.table(chunk.table)}, ${JSON.stringify(chunk.rows)}::json)`.execute(trx);
      const done = (loaded.get(chunk.table) ?? 0) + chunk.rows.length;
      loaded.set(chunk.table, done);
      progress.step(`restore ${chunk.table}`, done, header.tables.find((t) => t.name === chunk.table)?.rows);
    }
    for (const t of header.tables) {
      if ((loaded.get(t.name) ?? 0) !== t.rows) {
        throw new BackupError(`The backup is incomplete: ${t.name} has ${loaded.get(t.name) ?? 0} of ${t.rows} rows.`);
      }
    }
  });
  await migrateToLatest(db);
  progress.done();
  return header;
}
