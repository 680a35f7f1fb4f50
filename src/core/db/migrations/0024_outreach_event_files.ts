// Files on an outreach event (issue 13): the papers of a meeting with voters — a list of those who
// came, a presentation, the minutes — kept with the event in the file store and seen in the office
// only (a public event shows its photos, never its files). Each is told by its bytes (PDF, DOCX,
// XLSX, JPEG or PNG); the name the person gave is kept for the download.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outreach_event_file (
      id uuid primary key,
      event_id uuid not null references outreach_event (id) on delete cascade,
      file_name text not null,
      original_name text not null check (length(original_name) between 1 and 200),
      content_type text not null,
      size_bytes integer not null check (size_bytes > 0),
      created_by uuid references account (id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index outreach_event_file_event_idx on outreach_event_file (event_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table outreach_event_file`.execute(db);
}
