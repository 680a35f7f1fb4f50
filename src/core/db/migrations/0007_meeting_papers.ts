import { sql, type Kysely } from 'kysely';

// A meeting's papers: files for the meeting as a whole or for one agenda item, titled in Kazakh and
// Russian. The bytes live in the file store under their content hash; the row says what they are.
// An item's papers go with the item when it is removed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meeting_paper (
      id uuid primary key,
      meeting_id uuid not null references meeting (id) on delete cascade,
      agenda_item_id uuid references agenda_item (id) on delete cascade,
      title jsonb not null,
      file_name text not null,
      file_hash text not null,
      content_type text not null,
      byte_size integer not null check (byte_size > 0),
      created_at timestamptz not null default now(),
      created_by uuid references account (id)
    )`.execute(db);
  await sql`create index meeting_paper_meeting_idx on meeting_paper (meeting_id, created_at)`.execute(db);
  await sql`create index meeting_paper_item_idx on meeting_paper (agenda_item_id) where agenda_item_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists meeting_paper`.execute(db);
}
