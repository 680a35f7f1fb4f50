import { sql, type Kysely } from 'kysely';

// Uploaded files kept in the database, so that every app instance on one PostgreSQL database serves
// every file (the embedded database keeps them in its data directory instead: see core/files.ts).
// A file is named by its content ('<sha256>.<ext>') and stored as numbered chunks of up to 256 KiB,
// so it is written and read a chunk at a time. The chunks' storage is EXTERNAL: photos, PDFs and
// office documents are compressed already, and PostgreSQL need not try again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stored_file (
      name text primary key check (name ~ '^[0-9a-f]{64}\\.[a-z0-9]{1,5}$'),
      size bigint not null check (size >= 0),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table stored_file_chunk (
      name text not null references stored_file (name) on delete cascade,
      seq integer not null check (seq >= 0),
      bytes bytea not null,
      primary key (name, seq)
    )`.execute(db);
  await sql`alter table stored_file_chunk alter column bytes set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists stored_file_chunk`.execute(db);
  await sql`drop table if exists stored_file`.execute(db);
}
