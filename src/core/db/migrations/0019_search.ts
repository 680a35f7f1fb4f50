// One search index for all searchable things (issue 14): core/search fills it from the search
// sources features register, and reads it for the search page and the API.
import { sql, type Kysely } from 'kysely';

// - tsv: built from our own analysis (Kazakh stems folded to Latin in TypeScript; Russian and
//   English by PostgreSQL's 'russian'/'english' configurations over lightly folded text);
// - title_folded: the title folded to plain Latin, with a trigram index for names and a boost;
// - one row per (type, subject, language); audience 'public' rows are exactly what public pages show.
// The table is not watched for content changes (migration 0013): it follows the content tables, and
// re-indexing must not announce itself again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table search_document (
      type text not null check (type ~ '^[a-z][a-z0-9_-]{0,39}$'),
      subject_id text not null,
      language text not null check (language in ('kk', 'ru', 'en')),
      title text not null,
      body text not null default '',
      path text not null check (path like '/%'),
      region_kato text,
      date date,
      audience text not null check (audience in ('public', 'office')),
      tsv tsvector not null,
      title_folded text not null default '',
      fingerprint text not null,
      updated_at timestamptz not null default now(),
      primary key (type, subject_id, language)
    )`.execute(db);
  await sql`create index search_document_tsv on search_document using gin (tsv)`.execute(db);
  await sql`create index search_document_title_trgm on search_document using gin (title_folded gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists search_document`.execute(db);
}
