import { sql, type Kysely } from 'kysely';

// Meetings of the Council: agenda with speakers, invitations to maslikhats and their answers,
// attendance, statements, votes; decisions are tied to the meeting and item that adopted them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meeting (
      id uuid primary key,
      organization_id uuid not null references organization (id),
      kind text not null check (kind in ('regular', 'extraordinary', 'field')),
      number integer,
      title jsonb,
      starts_at timestamptz not null,
      ends_at timestamptz,
      time_zone text not null default 'Asia/Almaty',
      place jsonb,
      format text not null check (format in ('in_person', 'online', 'hybrid')),
      video_url text,
      chair_person_id uuid references person (id),
      status text not null default 'draft' check (status in ('draft', 'announced', 'in_progress', 'held', 'minutes_approved', 'cancelled', 'postponed')),
      status_reason jsonb,
      announced_at timestamptz,
      current_agenda_item_id uuid,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (ends_at is null or ends_at >= starts_at)
    )`.execute(db);
  await sql`create index meeting_org_starts_idx on meeting (organization_id, starts_at)`.execute(db);

  await sql`
    create table agenda_item (
      id uuid primary key,
      meeting_id uuid not null references meeting (id) on delete cascade,
      parent_id uuid references agenda_item (id) on delete cascade,
      position integer not null,
      title jsonb not null,
      description jsonb,
      minutes_allotted integer check (minutes_allotted is null or minutes_allotted > 0),
      is_main boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index agenda_item_meeting_idx on agenda_item (meeting_id, position)`.execute(db);
  await sql`alter table meeting add constraint meeting_current_item_fk foreign key (current_agenda_item_id) references agenda_item (id) on delete set null`.execute(db);

  await sql`
    create table agenda_speaker (
      id uuid primary key,
      agenda_item_id uuid not null references agenda_item (id) on delete cascade,
      person_id uuid not null references person (id),
      role text not null check (role in ('rapporteur', 'co_speaker')),
      position integer not null default 1,
      label jsonb
    )`.execute(db);
  await sql`create index agenda_speaker_item_idx on agenda_speaker (agenda_item_id)`.execute(db);

  await sql`
    create table agenda_change (
      id uuid primary key,
      meeting_id uuid not null references meeting (id) on delete cascade,
      changed_at timestamptz not null default now(),
      changed_by uuid references account (id),
      summary jsonb not null
    )`.execute(db);
  await sql`create index agenda_change_meeting_idx on agenda_change (meeting_id, changed_at)`.execute(db);

  await sql`
    create table meeting_invitation (
      id uuid primary key,
      meeting_id uuid not null references meeting (id) on delete cascade,
      organization_id uuid references organization (id),
      person_id uuid references person (id),
      status text not null default 'invited' check (status in ('invited', 'confirmed', 'declined')),
      attendance_mode text check (attendance_mode in ('room', 'video')),
      attendees text,
      responded_at timestamptz,
      responded_by uuid references account (id),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check ((organization_id is null) <> (person_id is null))
    )`.execute(db);
  await sql`create unique index meeting_invitation_unique on meeting_invitation (meeting_id, coalesce(organization_id, person_id))`.execute(db);

  await sql`
    create table attendance (
      id uuid primary key,
      meeting_id uuid not null references meeting (id) on delete cascade,
      organization_id uuid references organization (id),
      person_id uuid references person (id),
      presence text not null check (presence in ('room', 'video', 'absent')),
      absence_reason text,
      recorded_at timestamptz not null default now(),
      check ((organization_id is null) <> (person_id is null))
    )`.execute(db);
  await sql`create unique index attendance_unique on attendance (meeting_id, coalesce(organization_id, person_id))`.execute(db);

  await sql`
    create table statement (
      id uuid primary key,
      agenda_item_id uuid not null references agenda_item (id) on delete cascade,
      person_id uuid references person (id),
      speaker_label jsonb,
      summary jsonb,
      quotation text,
      language text not null check (language in ('kk', 'ru', 'en')),
      position integer not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index statement_item_idx on statement (agenda_item_id, position)`.execute(db);

  await sql`
    alter table decision
      add column meeting_id uuid references meeting (id),
      add column agenda_item_id uuid references agenda_item (id),
      add column votes_for integer,
      add column votes_against integer,
      add column votes_abstain integer,
      add column result text check (result in ('adopted', 'rejected'))`.execute(db);
  await sql`create index decision_meeting_idx on decision (meeting_id)`.execute(db);

  await sql`
    create table vote (
      id uuid primary key,
      decision_id uuid not null references decision (id) on delete cascade,
      person_id uuid not null references person (id),
      choice text not null check (choice in ('for', 'against', 'abstain')),
      unique (decision_id, person_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists vote`.execute(db);
  await sql`alter table decision drop column meeting_id, drop column agenda_item_id, drop column votes_for, drop column votes_against, drop column votes_abstain, drop column result`.execute(db);
  for (const table of ['statement', 'attendance', 'meeting_invitation', 'agenda_change', 'agenda_speaker']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`alter table meeting drop constraint meeting_current_item_fk`.execute(db);
  await sql`drop table if exists agenda_item`.execute(db);
  await sql`drop table if exists meeting`.execute(db);
}
