// Kazakhstan's working-day calendar as data (issue 13): the years known and their named days.
import { sql, type Kysely } from 'kysely';
import { watchContent } from './0013_content_changes.js';

// - calendar_year: a year the calendar knows. Arithmetic reads only complete years (an
//   administrator marks a year complete once every day off of it is entered); source says where
//   the year's calendar comes from (the law, the government's decree on transfers).
// - non_working_day: a day that differs from the five-day week, or a named holiday: a holiday, a
//   day off in lieu or moved (transfer_day_off), Kurban Ait, or a Saturday/Sunday (or a would-be
//   day off) made a working day (transfer_working_day). Its year must be a calendar_year.
// Both are public (the calendar API), so their changes empty the page cache and the service's
// in-memory copy of the calendar on every instance.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendar_year (
      year integer primary key check (year between 1991 and 2200),
      complete boolean not null default false,
      source text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`
    create table non_working_day (
      date date primary key,
      year integer not null generated always as (extract(year from date)::integer) stored references calendar_year (year),
      kind text not null check (kind in ('holiday', 'transfer_day_off', 'transfer_working_day', 'kurban_ait')),
      name jsonb not null,
      source text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index non_working_day_year on non_working_day (year)`.execute(db);
  await watchContent(db, ['calendar_year', 'non_working_day']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists non_working_day`.execute(db);
  await sql`drop table if exists calendar_year`.execute(db);
}
