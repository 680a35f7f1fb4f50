import { sql, type Kysely } from 'kysely';

// The record of a sitting and what is made from it: the quorum rule, the live sequence number
// (each change to a sitting bumps it, so screens know they are current), the state of each vote,
// the application of decisions to the registry, approved minutes kept as files, news (press
// releases) and the reminders already sent for a meeting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table meeting
      add column quorum_rule text not null default 'more_than_half' check (quorum_rule in ('more_than_half', 'two_thirds')),
      add column live_sequence integer not null default 0,
      add column minutes_approved_at timestamptz,
      add column minutes_approved_by uuid references account (id)`.execute(db);

  await sql`
    alter table decision
      add column voting text not null default 'not_started' check (voting in ('not_started', 'open', 'closed')),
      add column applied_at timestamptz,
      add column applied_by uuid references account (id)`.execute(db);

  await sql`
    alter table attendance
      add column recorded_by uuid references account (id)`.execute(db);

  await sql`
    create table meeting_minutes (
      id uuid primary key,
      meeting_id uuid not null references meeting (id) on delete cascade,
      language text not null check (language in ('kk', 'ru', 'en')),
      format text not null check (format in ('docx', 'pdf', 'akn')),
      file_hash text not null,
      byte_size integer not null,
      created_at timestamptz not null default now(),
      unique (meeting_id, language, format)
    )`.execute(db);

  await sql`
    create table news_item (
      id uuid primary key,
      organization_id uuid not null references organization (id),
      meeting_id uuid references meeting (id) on delete set null,
      title jsonb not null,
      lead jsonb,
      body jsonb,
      status text not null default 'draft' check (status in ('draft', 'published')),
      published_at timestamptz,
      created_by uuid references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index news_item_published_idx on news_item (organization_id, status, published_at desc)`.execute(db);
  await sql`create unique index news_item_meeting_unique on news_item (meeting_id) where meeting_id is not null`.execute(db);

  await sql`
    create table meeting_reminder (
      meeting_id uuid not null references meeting (id) on delete cascade,
      kind text not null,
      sent_at timestamptz not null default now(),
      recipients integer not null default 0,
      primary key (meeting_id, kind)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['meeting_reminder', 'news_item', 'meeting_minutes']) await sql`drop table if exists ${sql.table(table)}`.execute(db);
  await sql`alter table attendance drop column recorded_by`.execute(db);
  await sql`alter table decision drop column voting, drop column applied_at, drop column applied_by`.execute(db);
  await sql`alter table meeting drop column quorum_rule, drop column live_sequence, drop column minutes_approved_at, drop column minutes_approved_by`.execute(db);
}
