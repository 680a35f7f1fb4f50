import { sql, type Kysely } from 'kysely';

// An account can belong to a person in the registry (a Council member, a deputy), so that what the
// person is invited to reaches the account. One account per person: the index refuses a second link.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table account add column person_id uuid references person (id)`.execute(db);
  await sql`create unique index account_person_unique on account (person_id) where person_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists account_person_unique`.execute(db);
  await sql`alter table account drop column person_id`.execute(db);
}
