// The legal-literacy library (issue 14): materials partners prepare and the secretariat publishes,
// their files per language and edition (with the text read from them), and their tracked delivery.
import { sql, type Kysely } from 'kysely';
import { watchContent } from './0013_content_changes.js';

// - library_material: a lecture, presentation, video link, memo or law link; title and summary per
//   language (jsonb kk/ru/en); its author is a partner organisation and/or a person's name; state
//   draft → submitted → published (by the secretariat) → withdrawn; version for edits;
// - library_material_topic: free tags, one row each (filtering by topic);
// - library_material_law: laws it concerns, each a title and an https URL on adilet.zan.kz;
// - library_file: a file per language and edition (the highest edition is the current one, the rest
//   its history), with the text read from it (or why it could not be: a message key);
// - library_distribution: a published material sent to maslikhats with a covering note;
//   library_delivery: one row per distribution and maslikhat (acknowledged, reminder claimed once);
// - library_use: per material and maslikhat, the first time and count of opening and downloading.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table library_material (
      id uuid primary key,
      kind text not null check (kind in ('lecture', 'presentation', 'video_link', 'memo', 'law_link')),
      title jsonb not null,
      summary jsonb,
      organization_id uuid references organization (id),
      author_name text,
      video_url text,
      state text not null default 'draft' check (state in ('draft', 'submitted', 'published', 'withdrawn')),
      submitted_at timestamptz,
      published_at timestamptz,
      withdrawn_at timestamptz,
      created_by uuid references account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index library_material_published on library_material (published_at desc) where state = 'published'`.execute(db);
  await sql`create index library_material_organization on library_material (organization_id)`.execute(db);
  await sql`
    create table library_material_topic (
      material_id uuid not null references library_material (id) on delete cascade,
      topic text not null,
      primary key (material_id, topic)
    )`.execute(db);
  await sql`create index library_material_topic_topic on library_material_topic (topic)`.execute(db);
  await sql`
    create table library_material_law (
      id uuid primary key,
      material_id uuid not null references library_material (id) on delete cascade,
      position integer not null,
      title text not null,
      url text not null check (url like 'https://adilet.zan.kz/%'),
      unique (material_id, position)
    )`.execute(db);
  await sql`
    create table library_file (
      id uuid primary key,
      material_id uuid not null references library_material (id) on delete cascade,
      language text not null check (language in ('kk', 'ru', 'en')),
      edition integer not null check (edition > 0),
      file_name text not null,
      original_name text not null,
      content_type text not null,
      byte_size integer not null,
      text_content text,
      text_problem text,
      note text,
      uploaded_by uuid references account (id),
      uploaded_at timestamptz not null default now(),
      unique (material_id, language, edition)
    )`.execute(db);
  await sql`
    create table library_distribution (
      id uuid primary key,
      material_id uuid not null references library_material (id),
      note jsonb,
      remind_after_days integer not null default 7 check (remind_after_days between 1 and 365),
      sent_by uuid references account (id),
      sent_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index library_distribution_material on library_distribution (material_id)`.execute(db);
  await sql`
    create table library_delivery (
      distribution_id uuid not null references library_distribution (id) on delete cascade,
      organization_id uuid not null references organization (id),
      acknowledged_at timestamptz,
      acknowledged_by uuid references account (id),
      reminded_at timestamptz,
      reminder_recipients integer,
      primary key (distribution_id, organization_id)
    )`.execute(db);
  await sql`create index library_delivery_organization on library_delivery (organization_id)`.execute(db);
  await sql`
    create table library_use (
      material_id uuid not null references library_material (id) on delete cascade,
      organization_id uuid not null references organization (id),
      action text not null check (action in ('open', 'download')),
      first_at timestamptz not null default now(),
      last_at timestamptz not null default now(),
      count integer not null default 1,
      primary key (material_id, organization_id, action)
    )`.execute(db);
  // The public pages read these (library_use changes on every opening and is not shown publicly).
  await watchContent(db, ['library_material', 'library_material_topic', 'library_material_law', 'library_file', 'library_distribution', 'library_delivery']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['library_use', 'library_delivery', 'library_distribution', 'library_file', 'library_material_law', 'library_material_topic', 'library_material']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
