import { sql, type Kysely } from 'kysely';

// When invitees were told of each change to an announced agenda. The notices job claims a change by
// setting notified_at, so a change is mailed once however many instances run. Changes recorded
// before notices existed count as told: the first run must not mail weeks of old changes at once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agenda_change add column notified_at timestamptz`.execute(db);
  await sql`update agenda_change set notified_at = changed_at`.execute(db);
  await sql`create index agenda_change_unnotified_idx on agenda_change (meeting_id) where notified_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists agenda_change_unnotified_idx`.execute(db);
  await sql`alter table agenda_change drop column notified_at`.execute(db);
}
