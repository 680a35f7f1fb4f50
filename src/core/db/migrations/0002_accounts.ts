import { sql, type Kysely } from 'kysely';

// Accounts: sign-in state, TOTP, sessions, one-time links, rate limits, the append-only audit log,
// the mail outbox and personal API tokens.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table account
      add column preferred_language text not null default 'kk',
      add column totp_secret text,
      add column totp_enabled_at timestamptz,
      add column totp_last_step bigint,
      add column failed_sign_ins integer not null default 0,
      add column locked_until timestamptz,
      add column last_sign_in_at timestamptz,
      add column password_changed_at timestamptz,
      add column deactivated_at timestamptz,
      add column version integer not null default 1`.execute(db);

  await sql`
    alter table role_grant
      add column created_by uuid references account (id),
      add column revoked_at timestamptz,
      add column revoked_by uuid references account (id)`.execute(db);

  await sql`
    create table recovery_code (
      id uuid primary key,
      account_id uuid not null references account (id) on delete cascade,
      code_hash text not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index recovery_code_account_idx on recovery_code (account_id)`.execute(db);

  // The cookie holds a random token; only its SHA-256 is stored, so a database leak is no session leak.
  await sql`
    create table session (
      id uuid primary key,
      token_hash text not null unique,
      account_id uuid not null references account (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ended_at timestamptz,
      ip text,
      user_agent text,
      second_factor_at timestamptz
    )`.execute(db);
  await sql`create index session_account_idx on session (account_id)`.execute(db);

  await sql`
    create table one_time_token (
      id uuid primary key,
      account_id uuid not null references account (id) on delete cascade,
      purpose text not null check (purpose in ('password_reset', 'invitation')),
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      created_by uuid references account (id),
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index one_time_token_account_idx on one_time_token (account_id)`.execute(db);

  // Fixed-window counters shared by every app instance.
  await sql`
    create table rate_limit (
      key text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (key, window_start)
    )`.execute(db);

  await sql`
    create table audit_event (
      id uuid primary key,
      occurred_at timestamptz not null default now(),
      actor_account_id uuid references account (id),
      actor_label text,
      ip text,
      user_agent text,
      request_id text,
      entity text not null,
      entity_id text,
      action text not null,
      before jsonb,
      after jsonb
    )`.execute(db);
  await sql`create index audit_event_occurred_idx on audit_event (occurred_at desc)`.execute(db);
  await sql`create index audit_event_entity_idx on audit_event (entity, entity_id)`.execute(db);
  await sql`create index audit_event_actor_idx on audit_event (actor_account_id)`.execute(db);
  // Append-only: the database itself refuses to change or remove an audit event.
  await sql`
    create function audit_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end $$`.execute(db);
  await sql`create trigger audit_event_no_update before update or delete on audit_event for each row execute function audit_event_is_append_only()`.execute(db);
  await sql`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_is_append_only()`.execute(db);

  await sql`
    create table mail_message (
      id uuid primary key,
      created_at timestamptz not null default now(),
      recipient text not null,
      subject text not null,
      body_text text not null,
      body_html text,
      transport text not null check (transport in ('outbox', 'smtp')),
      sent_at timestamptz,
      error text
    )`.execute(db);
  await sql`create index mail_message_created_idx on mail_message (created_at desc)`.execute(db);

  await sql`
    create table api_token (
      id uuid primary key,
      account_id uuid not null references account (id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      token_prefix text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index api_token_account_idx on api_token (account_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['api_token', 'mail_message', 'audit_event', 'rate_limit', 'one_time_token', 'session', 'recovery_code']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists audit_event_is_append_only()`.execute(db);
  await sql`alter table role_grant drop column created_by, drop column revoked_at, drop column revoked_by`.execute(db);
  await sql`
    alter table account drop column preferred_language, drop column totp_secret, drop column totp_enabled_at, drop column totp_last_step,
      drop column failed_sign_ins, drop column locked_until, drop column last_sign_in_at,
      drop column password_changed_at, drop column deactivated_at, drop column version`.execute(db);
}
