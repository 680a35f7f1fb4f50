// The library's self-check (issue 14): an optional short quiz on a material, and each person's
// latest attempt. Results are read per region only (see the library's quiz service): no page shows
// one person's score to anyone but that person.
// - library_quiz_question: a question in order, its prompt and 2–4 options per language (jsonb),
//   and which option is right;
// - library_quiz_attempt: one row per material and person (a retake replaces it), the maslikhat it
//   was taken for, the options chosen and how many were right.
import { sql, type Kysely } from 'kysely';
import { watchContent } from './0013_content_changes.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table library_quiz_question (
      id uuid primary key,
      material_id uuid not null references library_material (id) on delete cascade,
      position integer not null check (position > 0),
      prompt jsonb not null,
      options jsonb not null check (jsonb_typeof(options) = 'array' and jsonb_array_length(options) between 2 and 4),
      correct_option integer not null check (correct_option >= 0 and correct_option < 4),
      created_at timestamptz not null default now(),
      unique (material_id, position)
    )`.execute(db);
  await sql`
    create table library_quiz_attempt (
      material_id uuid not null references library_material (id) on delete cascade,
      account_id uuid not null references account (id) on delete cascade,
      organization_id uuid not null references organization (id),
      answers jsonb not null,
      correct integer not null check (correct >= 0),
      total integer not null check (total > 0 and correct <= total),
      taken_at timestamptz not null default now(),
      primary key (material_id, account_id)
    )`.execute(db);
  await sql`create index library_quiz_attempt_organization on library_quiz_attempt (material_id, organization_id)`.execute(db);
  // The public material page shows the questions' count and the results by region.
  await watchContent(db, ['library_quiz_question', 'library_quiz_attempt']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists library_quiz_attempt`.execute(db);
  await sql`drop table if exists library_quiz_question`.execute(db);
}
