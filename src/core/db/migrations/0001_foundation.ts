import { sql, type Kysely } from 'kysely';

// Dated reference data (areas, organisations and their names over time), settings and the first accounts.
// End dates are inclusive: the last day something was valid (Popolo's end_date).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table setting (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table area (
      id uuid primary key,
      kato text not null unique,
      classification text not null check (classification in ('region', 'city')),
      parent_id uuid references area (id),
      valid_from date,
      valid_to date,
      time_zone text not null,
      centre jsonb,
      source text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (valid_to is null or valid_from is null or valid_to >= valid_from)
    )`.execute(db);

  await sql`
    create table area_name (
      id uuid primary key,
      area_id uuid not null references area (id) on delete cascade,
      name jsonb not null,
      valid_from date,
      valid_to date,
      source text,
      check (valid_to is null or valid_from is null or valid_to >= valid_from)
    )`.execute(db);
  await sql`create index area_name_area_idx on area_name (area_id)`.execute(db);

  await sql`
    create table area_identifier (
      id uuid primary key,
      area_id uuid not null references area (id) on delete cascade,
      scheme text not null,
      identifier text not null,
      valid_from date,
      valid_to date
    )`.execute(db);
  await sql`create index area_identifier_area_idx on area_identifier (area_id)`.execute(db);
  await sql`create unique index area_identifier_unique on area_identifier (scheme, identifier, coalesce(valid_from, '-infinity'::date))`.execute(db);

  await sql`
    create table area_population (
      area_id uuid not null references area (id) on delete cascade,
      on_date date not null,
      population integer not null check (population >= 0),
      source text,
      primary key (area_id, on_date)
    )`.execute(db);

  await sql`
    create table organization (
      id uuid primary key,
      slug text not null unique,
      classification text not null,
      maslikhat_level text check (maslikhat_level in ('region', 'city_of_republican_significance', 'city', 'district')),
      parent_id uuid references organization (id),
      area_id uuid references area (id),
      founding_date date,
      dissolution_date date,
      description jsonb,
      source text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (dissolution_date is null or founding_date is null or dissolution_date >= founding_date)
    )`.execute(db);
  await sql`create index organization_parent_idx on organization (parent_id)`.execute(db);
  await sql`create index organization_area_idx on organization (area_id)`.execute(db);

  await sql`
    create table organization_name (
      id uuid primary key,
      organization_id uuid not null references organization (id) on delete cascade,
      name jsonb not null,
      short_name jsonb,
      valid_from date,
      valid_to date,
      check (valid_to is null or valid_from is null or valid_to >= valid_from)
    )`.execute(db);
  await sql`create index organization_name_org_idx on organization_name (organization_id)`.execute(db);

  await sql`
    create table organization_succession (
      id uuid primary key,
      predecessor_id uuid not null references organization (id) on delete cascade,
      successor_id uuid not null references organization (id) on delete cascade,
      effective_date date not null,
      note jsonb,
      unique (predecessor_id, successor_id)
    )`.execute(db);

  await sql`
    create table account (
      id uuid primary key,
      email text not null,
      display_name text not null,
      password_hash text,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index account_email_unique on account (lower(email))`.execute(db);

  await sql`
    create table role_grant (
      id uuid primary key,
      account_id uuid not null references account (id) on delete cascade,
      role text not null check (role in ('admin', 'secretariat', 'council_member', 'maslikhat_staff', 'deputy', 'partner')),
      organization_id uuid not null references organization (id),
      valid_from date,
      valid_to date,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index role_grant_account_idx on role_grant (account_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['role_grant', 'account', 'organization_succession', 'organization_name', 'organization', 'area_population', 'area_identifier', 'area_name', 'area', 'setting']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
