import { sql, type Kysely } from 'kysely';

// Checked uploads waiting for staff to confirm them get a table of their own, and demo data is
// marked on organisations (generated commissions) and electoral districts as it is on persons.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_upload (
      id uuid primary key,
      kind text not null,
      payload jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index import_upload_created_idx on import_upload (created_at)`.execute(db);
  await sql`alter table organization add column is_demo boolean not null default false`.execute(db);
  await sql`alter table electoral_district add column is_demo boolean not null default false`.execute(db);
  // Uploads kept as settings by the first version of the import move to their table.
  await sql`
    insert into import_upload (id, kind, payload, created_at)
    select substring(key from 17)::uuid, 'deputies', value, updated_at from setting where key like 'deputies_import:%'`.execute(db);
  await sql`delete from setting where key like 'deputies_import:%'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table electoral_district drop column is_demo`.execute(db);
  await sql`alter table organization drop column is_demo`.execute(db);
  await sql`drop table import_upload`.execute(db);
}
