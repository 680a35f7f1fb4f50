import { sql, type Kysely } from 'kysely';

// The perspective work plan. A plan belongs to an organisation (the Council) and outlives it: its
// items name their responsible bodies from the registry, as of the item's dates. Status and progress
// are never stored twice: an item's status and a plan's progress are derived from the reports
// (their states and indicator values); only a cancellation is a recorded fact.
// - plan: draft → adopted (by a decision, linked both ways: plan.adoption_decision_id) → completed,
//   or superseded by a newer plan;
// - plan_section, plan_item: the plan's contents; an item is due once (a date) or recurs
//   (quarterly, half-yearly, yearly), each period's report due a number of days after it ends;
// - plan_item_responsible: a named organisation, or every region-level maslikhat as of the period;
// - plan_priority: the managed list of priorities an item serves (the President's Address, state
//   programmes, laws); plan_item_link: the item's priorities, meetings and decisions;
// - plan_indicator: unit, baseline, target; values come with reports;
// - plan_report: one per item, body and period (its current state); plan_report_revision keeps every
//   version filed and the secretariat's review of it; plan_report_value and plan_report_attachment
//   belong to a revision;
// - plan_reminder: each reminder claimed once (before/after a deadline), whichever instance sends it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plan (
      id uuid primary key,
      organization_id uuid not null references organization (id),
      title jsonb not null,
      period_start date not null,
      period_end date not null check (period_end >= period_start),
      status text not null default 'draft' check (status in ('draft', 'adopted', 'completed', 'superseded')),
      adoption_decision_id uuid references decision (id),
      superseded_by_id uuid references plan (id),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (status = 'draft' or adoption_decision_id is not null),
      check ((status = 'superseded') = (superseded_by_id is not null))
    )`.execute(db);
  await sql`create unique index plan_adoption_decision_unique on plan (adoption_decision_id) where adoption_decision_id is not null`.execute(db);

  await sql`
    create table plan_section (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      position integer not null check (position > 0),
      title jsonb not null,
      unique (plan_id, position) deferrable initially deferred
    )`.execute(db);

  await sql`
    create table plan_priority (
      id uuid primary key,
      kind text not null check (kind in ('address', 'programme', 'law', 'other')),
      title jsonb not null,
      reference text,
      valid_from date,
      valid_to date,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);

  await sql`
    create table plan_item (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      section_id uuid references plan_section (id) on delete set null,
      position integer not null check (position > 0),
      number text,
      action jsonb not null,
      expected_result jsonb,
      starts_on date not null,
      deadline_kind text not null check (deadline_kind in ('date', 'quarterly', 'half_yearly', 'yearly')),
      deadline date not null,
      due_offset_days integer not null default 0 check (due_offset_days between 0 and 90),
      cancelled_at timestamptz,
      cancel_reason jsonb,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (deadline >= starts_on),
      unique (plan_id, position) deferrable initially deferred
    )`.execute(db);
  await sql`create index plan_item_section on plan_item (section_id)`.execute(db);

  await sql`
    create table plan_item_responsible (
      id uuid primary key,
      item_id uuid not null references plan_item (id) on delete cascade,
      organization_id uuid references organization (id),
      body_group text check (body_group in ('region_maslikhats')),
      role text not null default 'lead' check (role in ('lead', 'co_executor')),
      check ((organization_id is null) <> (body_group is null))
    )`.execute(db);
  await sql`create unique index plan_item_responsible_org on plan_item_responsible (item_id, organization_id) where organization_id is not null`.execute(db);
  await sql`create unique index plan_item_responsible_group on plan_item_responsible (item_id, body_group) where body_group is not null`.execute(db);
  await sql`create index plan_item_responsible_by_org on plan_item_responsible (organization_id)`.execute(db);

  await sql`
    create table plan_item_link (
      id uuid primary key,
      item_id uuid not null references plan_item (id) on delete cascade,
      priority_id uuid references plan_priority (id),
      meeting_id uuid references meeting (id),
      decision_id uuid references decision (id),
      check (num_nonnulls(priority_id, meeting_id, decision_id) = 1)
    )`.execute(db);
  await sql`create index plan_item_link_item on plan_item_link (item_id)`.execute(db);

  await sql`
    create table plan_indicator (
      id uuid primary key,
      item_id uuid not null references plan_item (id) on delete cascade,
      position integer not null check (position > 0),
      name jsonb not null,
      unit jsonb not null,
      baseline numeric,
      target numeric,
      aggregation text not null default 'sum' check (aggregation in ('sum', 'average')),
      unique (item_id, position)
    )`.execute(db);

  await sql`
    create table plan_report (
      id uuid primary key,
      item_id uuid not null references plan_item (id) on delete cascade,
      organization_id uuid not null references organization (id),
      period_start date not null,
      period_end date not null check (period_end >= period_start),
      due_on date not null,
      state text not null default 'draft' check (state in ('draft', 'submitted', 'returned', 'accepted')),
      revision integer not null default 0,
      first_submitted_at timestamptz,
      accepted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (item_id, organization_id, period_start)
    )`.execute(db);
  await sql`create index plan_report_by_org on plan_report (organization_id, due_on)`.execute(db);
  await sql`create index plan_report_by_state on plan_report (state, due_on)`.execute(db);

  await sql`
    create table plan_report_revision (
      id uuid primary key,
      report_id uuid not null references plan_report (id) on delete cascade,
      revision integer not null check (revision > 0),
      body jsonb not null,
      submitted_at timestamptz not null,
      submitted_by uuid references account (id),
      review text check (review in ('accepted', 'returned')),
      review_comment text,
      reviewed_at timestamptz,
      reviewed_by uuid references account (id),
      unique (report_id, revision)
    )`.execute(db);

  await sql`
    create table plan_report_value (
      revision_id uuid not null references plan_report_revision (id) on delete cascade,
      indicator_id uuid not null references plan_indicator (id) on delete cascade,
      value numeric not null,
      primary key (revision_id, indicator_id)
    )`.execute(db);

  await sql`
    create table plan_report_attachment (
      id uuid primary key,
      revision_id uuid not null references plan_report_revision (id) on delete cascade,
      file_name text not null,
      original_name text not null,
      content_type text not null,
      size_bytes integer not null check (size_bytes >= 0)
    )`.execute(db);

  await sql`
    create table plan_reminder (
      item_id uuid not null references plan_item (id) on delete cascade,
      organization_id uuid not null references organization (id),
      period_start date not null,
      kind text not null check (kind in ('week_before', 'day_before', 'overdue')),
      sent_at timestamptz not null default now(),
      recipients integer not null default 0,
      primary key (item_id, organization_id, period_start, kind)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'plan_reminder',
    'plan_report_attachment',
    'plan_report_value',
    'plan_report_revision',
    'plan_report',
    'plan_indicator',
    'plan_item_link',
    'plan_item_responsible',
    'plan_item',
    'plan_priority',
    'plan_section',
    'plan',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
