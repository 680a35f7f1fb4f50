// Citizens' questions (issue 13): asked through the public form or raised at an outreach event,
// answered within 15 working days, followed by the applicant through a private link.
import { sql, type Kysely } from 'kysely';

// - citizen_question: one question. The applicant's name, contact and settlement are personal and
//   are erased (set null, personal_data_erased_at set) once the question has been closed longer than
//   the retention; the region, language, channel, states and dates stay for the figures. Only the
//   SHA-256 of the tracking token is kept. due_date is empty when the calendar did not know the
//   registration's year (the office sees it flagged, never a guess). outreach_event_id points at the
//   event a question was raised at (its foreign key comes when outreach_event exists).
// - citizen_question_event: the question's history (each state change: who, when, a note).
// - citizen_question_alert: an overdue alert claimed before its mail goes (exactly once per
//   question and kind, however many instances run the job).
// - citizen_question_setting: one row — the retention in months after closing, and the key that
//   signs the public form's time token (shared by every instance).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence citizen_question_number`.execute(db);
  await sql`
    create table citizen_question (
      id uuid primary key,
      reference text not null unique,
      organization_id uuid not null references organization (id),
      assignee_person_id uuid references person (id),
      outreach_event_id uuid,
      channel text not null check (channel in ('form', 'event')),
      applicant_name text check (char_length(applicant_name) <= 200),
      contact_email text check (char_length(contact_email) <= 320),
      contact_phone text check (char_length(contact_phone) <= 40),
      area_id uuid not null references area (id),
      settlement text check (char_length(settlement) <= 200),
      body text not null check (char_length(body) between 1 and 5000),
      language text not null check (language in ('kk', 'kk-latn', 'ru', 'en')),
      consent_at timestamptz not null,
      consent_recorded_by uuid references account (id),
      state text not null default 'registered' check (state in ('registered', 'in_work', 'forwarded', 'answered', 'closed')),
      registered_on date not null,
      forwarded_to text check (char_length(forwarded_to) <= 500),
      forwarded_at timestamptz,
      answer text check (char_length(answer) <= 10000),
      answered_at timestamptz,
      closed_at timestamptz,
      due_date date,
      extended_due_date date,
      extension_reason text check (char_length(extension_reason) <= 1000),
      tracking_token_hash text not null unique,
      personal_data_erased_at timestamptz,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index citizen_question_organization on citizen_question (organization_id, created_at desc)`.execute(db);
  await sql`create index citizen_question_assignee on citizen_question (assignee_person_id) where assignee_person_id is not null`.execute(db);
  await sql`create index citizen_question_open on citizen_question (due_date) where state in ('registered', 'in_work')`.execute(db);
  await sql`create index citizen_question_closed on citizen_question (closed_at) where state = 'closed' and personal_data_erased_at is null`.execute(db);
  await sql`
    create table citizen_question_event (
      id uuid primary key,
      question_id uuid not null references citizen_question (id) on delete cascade,
      action text not null check (action in ('registered', 'taken', 'assigned', 'forwarded', 'answered', 'closed', 'extended')),
      state text not null,
      actor_account_id uuid references account (id),
      note text check (char_length(note) <= 10000),
      occurred_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index citizen_question_event_question on citizen_question_event (question_id, occurred_at)`.execute(db);
  await sql`
    create table citizen_question_alert (
      question_id uuid not null references citizen_question (id) on delete cascade,
      kind text not null check (kind in ('overdue', 'overdue_extended')),
      sent_at timestamptz not null default now(),
      recipients integer not null default 0,
      primary key (question_id, kind)
    )`.execute(db);
  await sql`
    create table citizen_question_setting (
      id boolean primary key default true check (id),
      retention_months integer not null default 36 check (retention_months between 1 and 600),
      form_key text,
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`insert into citizen_question_setting (id) values (true)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists citizen_question_setting`.execute(db);
  await sql`drop table if exists citizen_question_alert`.execute(db);
  await sql`drop table if exists citizen_question_event`.execute(db);
  await sql`drop table if exists citizen_question`.execute(db);
  await sql`drop sequence if exists citizen_question_number`.execute(db);
}
