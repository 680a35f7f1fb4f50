import { sql, type Kysely } from 'kysely';

// The registry, after Popolo: persons, memberships (a person or an organisation as member), posts,
// electoral districts, convocations, contact details, decisions, and role titles that change by date.
// End dates are inclusive.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table convocation (
      id uuid primary key,
      slug text not null unique,
      name jsonb not null,
      election_date date,
      valid_from date,
      valid_to date
    )`.execute(db);

  await sql`
    create table person (
      id uuid primary key,
      name jsonb not null,
      family_name jsonb,
      given_name jsonb,
      patronymic jsonb,
      birth_date date,
      gender text check (gender in ('female', 'male')),
      iin text,
      photo_file text,
      is_demo boolean not null default false,
      search_text text not null default '',
      source text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create unique index person_iin_unique on person (iin) where iin is not null`.execute(db);
  await sql`create index person_search_trgm on person using gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    create table electoral_district (
      id uuid primary key,
      organization_id uuid not null references organization (id) on delete cascade,
      number integer not null check (number > 0),
      name jsonb,
      convocation_id uuid references convocation (id),
      valid_from date,
      valid_to date
    )`.execute(db);
  await sql`create unique index electoral_district_unique on electoral_district (organization_id, number, coalesce(convocation_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(db);

  await sql`
    create table decision (
      id uuid primary key,
      organization_id uuid not null references organization (id),
      number text,
      decision_date date not null,
      kind text not null check (kind in ('admission', 'withdrawal', 'plan_adoption', 'recommendation', 'other')),
      title jsonb not null,
      body jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index decision_org_idx on decision (organization_id, decision_date)`.execute(db);

  await sql`
    create table membership (
      id uuid primary key,
      organization_id uuid not null references organization (id),
      person_id uuid references person (id),
      member_organization_id uuid references organization (id),
      role text not null check (role in ('deputy', 'head', 'deputy_head', 'member', 'collective_member', 'representative', 'staff')),
      label jsonb,
      on_behalf_of_id uuid references organization (id),
      electoral_district_id uuid references electoral_district (id),
      convocation_id uuid references convocation (id),
      start_date date,
      end_date date,
      start_decision_id uuid references decision (id),
      end_decision_id uuid references decision (id),
      end_reason text,
      is_demo boolean not null default false,
      source text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((person_id is null) <> (member_organization_id is null)),
      check (end_date is null or start_date is null or end_date >= start_date)
    )`.execute(db);
  await sql`create index membership_org_idx on membership (organization_id)`.execute(db);
  await sql`create index membership_person_idx on membership (person_id)`.execute(db);
  await sql`create index membership_member_org_idx on membership (member_organization_id)`.execute(db);

  await sql`
    create table contact_detail (
      id uuid primary key,
      person_id uuid references person (id) on delete cascade,
      organization_id uuid references organization (id) on delete cascade,
      type text not null check (type in ('email', 'phone', 'address', 'website', 'reception')),
      value text not null,
      label jsonb,
      is_public boolean not null default false,
      check ((person_id is null) <> (organization_id is null))
    )`.execute(db);
  await sql`create index contact_detail_person_idx on contact_detail (person_id)`.execute(db);
  await sql`create index contact_detail_org_idx on contact_detail (organization_id)`.execute(db);

  // "Secretary" of a maslikhat until 2023-04-09, "chairman" from 2023-04-10 (Decree No. 190): data, not code.
  await sql`
    create table role_title (
      id uuid primary key,
      role text not null,
      organization_classification text not null,
      label jsonb not null,
      valid_from date,
      valid_to date,
      source text
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['role_title', 'contact_detail', 'membership', 'decision', 'electoral_district', 'person', 'convocation']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
