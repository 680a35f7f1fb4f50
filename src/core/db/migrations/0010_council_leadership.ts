import { sql, type Kysely } from 'kysely';

// The Council's leadership and admissions. A post (the Council's chair, a deputy chair) needs no
// table of its own: it is a membership with role 'head' or 'deputy_head', dated. What is new:
// - how many members an admission decision admits, so the registry can say "1 of 3 entered";
// - one membership per member and admission decision, so a second submit cannot admit twice;
// - the members of a sitting as its record last saw them, so a held sitting's quorum line does not
//   change when the registry does afterwards.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table decision add column admissions_expected integer check (admissions_expected between 1 and 999)`.execute(db);
  await sql`
    create unique index membership_admitted_organization_unique on membership (start_decision_id, member_organization_id, role)
    where start_decision_id is not null and member_organization_id is not null`.execute(db);
  await sql`
    create unique index membership_admitted_person_unique on membership (start_decision_id, person_id, role)
    where start_decision_id is not null and person_id is not null`.execute(db);
  await sql`
    create table sitting_members (
      meeting_id uuid primary key references meeting (id) on delete cascade,
      members jsonb not null,
      taken_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists sitting_members`.execute(db);
  await sql`drop index if exists membership_admitted_person_unique`.execute(db);
  await sql`drop index if exists membership_admitted_organization_unique`.execute(db);
  await sql`alter table decision drop column admissions_expected`.execute(db);
}
