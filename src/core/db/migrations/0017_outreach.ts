// Deputies' work with voters (issue 13): outreach topics, events, who was there, what was raised, photos.
import { sql, type Kysely } from 'kysely';
import { watchContent } from './0013_content_changes.js';

// - outreach_topic: the managed list events are tagged with (the President's Address's priorities,
//   state programmes, laws, other), titled in kk/ru/en; `slug` keeps the seed idempotent.
// - outreach_event: a meeting with voters, a reception, a visit, a media appearance or an online
//   meeting of a maslikhat; starts_at is an instant, entered and shown in the zone of the region
//   (time_zone, copied from the region's area when entered); region_area_id is the region the
//   maslikhat serves (for the public filters), district_area_id an optional area under it. Audience:
//   a total with an optional breakdown whose sum stays within it. Public ones are shown on
//   /receptions (ahead) and the open data; the others stay in the office.
// - outreach_event_deputy / outreach_event_topic: who was there (checked against the maslikhat's
//   memberships as of the event's day by the service) and what it was about.
// - outreach_event_photo: up to six re-encoded photos (the file store's names) with their alt text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outreach_topic (
      id uuid primary key,
      slug text unique,
      kind text not null check (kind in ('address_priority', 'state_programme', 'law', 'other')),
      title jsonb not null,
      active boolean not null default true,
      position integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`
    create table outreach_event (
      id uuid primary key,
      organization_id uuid not null references organization (id),
      region_area_id uuid references area (id),
      district_area_id uuid references area (id),
      kind text not null check (kind in ('meeting_with_voters', 'reception', 'visit', 'media', 'online')),
      starts_at timestamptz not null,
      ends_at timestamptz check (ends_at is null or ends_at >= starts_at),
      time_zone text not null,
      settlement text check (char_length(settlement) <= 200),
      address text check (char_length(address) <= 500),
      tags text[] not null default '{}',
      audience_total integer check (audience_total >= 0),
      audience_youth integer check (audience_youth >= 0),
      audience_elderly integer check (audience_elderly >= 0),
      audience_entrepreneurs integer check (audience_entrepreneurs >= 0),
      audience_women integer check (audience_women >= 0),
      audience_other integer check (audience_other >= 0),
      summary text check (char_length(summary) <= 5000),
      summary_language text check (summary_language in ('kk', 'ru', 'en')),
      public boolean not null default false,
      created_by uuid references account (id) on delete set null,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (
        coalesce(audience_youth, 0) + coalesce(audience_elderly, 0) + coalesce(audience_entrepreneurs, 0) + coalesce(audience_women, 0) + coalesce(audience_other, 0)
          <= coalesce(audience_total, 0)
      )
    )`.execute(db);
  await sql`create index outreach_event_organization on outreach_event (organization_id, starts_at desc)`.execute(db);
  await sql`create index outreach_event_public on outreach_event (starts_at) where public`.execute(db);
  await sql`create index outreach_event_public_region on outreach_event (region_area_id, starts_at) where public`.execute(db);
  await sql`
    create table outreach_event_deputy (
      event_id uuid not null references outreach_event (id) on delete cascade,
      person_id uuid not null references person (id),
      primary key (event_id, person_id)
    )`.execute(db);
  await sql`create index outreach_event_deputy_person on outreach_event_deputy (person_id)`.execute(db);
  await sql`
    create table outreach_event_topic (
      event_id uuid not null references outreach_event (id) on delete cascade,
      topic_id uuid not null references outreach_topic (id),
      primary key (event_id, topic_id)
    )`.execute(db);
  await sql`create index outreach_event_topic_topic on outreach_event_topic (topic_id)`.execute(db);
  await sql`
    create table outreach_event_photo (
      id uuid primary key,
      event_id uuid not null references outreach_event (id) on delete cascade,
      position integer not null,
      file_name text not null,
      alt_text text not null check (char_length(alt_text) between 1 and 500),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index outreach_event_photo_event on outreach_event_photo (event_id, position)`.execute(db);
  await watchContent(db, ['outreach_topic', 'outreach_event', 'outreach_event_deputy', 'outreach_event_topic', 'outreach_event_photo']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists outreach_event_photo`.execute(db);
  await sql`drop table if exists outreach_event_topic`.execute(db);
  await sql`drop table if exists outreach_event_deputy`.execute(db);
  await sql`drop table if exists outreach_event`.execute(db);
  await sql`drop table if exists outreach_topic`.execute(db);
}
