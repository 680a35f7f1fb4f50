// Subscriptions by email to the Council's or a region's news and meetings (issue 15).
import { sql, type Kysely } from 'kysely';

// - subscriber: one address (kept lower-cased), the language its mail is written in;
// - subscription: what the address follows — a topic ('news', 'meetings') of an organisation (the
//   Council, or a region-level maslikhat). Double opt-in: confirmed_at stays empty until the link
//   mailed to the address (only its hash kept, expiring) is followed; ended_at is set by unsubscribing;
// - subscription_delivery: one row per address and item mailed, claimed before the mail goes, so
//   two instances running the job at once send it once. Each row keeps the hash of the unsubscribe
//   token written into that mail (the token itself is never stored).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subscriber (
      id uuid primary key,
      email text not null unique check (email = lower(email)),
      language text not null check (language in ('kk', 'kk-latn', 'ru', 'en')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table subscription (
      id uuid primary key,
      subscriber_id uuid not null references subscriber (id) on delete cascade,
      topic text not null check (topic in ('news', 'meetings')),
      organization_id uuid not null references organization (id),
      language text not null check (language in ('kk', 'kk-latn', 'ru', 'en')),
      confirm_token_hash text unique,
      confirm_expires_at timestamptz,
      confirmed_at timestamptz,
      ended_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (subscriber_id, topic, organization_id)
    )`.execute(db);
  await sql`create index subscription_active on subscription (topic, organization_id) where confirmed_at is not null and ended_at is null`.execute(db);
  await sql`
    create table subscription_delivery (
      subscriber_id uuid not null references subscriber (id) on delete cascade,
      item_kind text not null check (item_kind in ('news', 'meeting')),
      item_id uuid not null,
      unsubscribe_token_hash text not null unique,
      claimed_at timestamptz not null default now(),
      mail_id uuid,
      primary key (subscriber_id, item_kind, item_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists subscription_delivery`.execute(db);
  await sql`drop table if exists subscription`.execute(db);
  await sql`drop table if exists subscriber`.execute(db);
}
