// A question raised at an outreach event names the event (issues 13): the two parts were built side by
// side, so the column came without its foreign key. A deleted event leaves its questions, unlinked.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Any id that names no event (none are written today) is cleared rather than refused.
  await sql`update citizen_question q set outreach_event_id = null where outreach_event_id is not null and not exists (select 1 from outreach_event e where e.id = q.outreach_event_id)`.execute(db);
  await sql`alter table citizen_question add constraint citizen_question_outreach_event_fk foreign key (outreach_event_id) references outreach_event (id) on delete set null`.execute(db);
  await sql`create index citizen_question_outreach_event_idx on citizen_question (outreach_event_id) where outreach_event_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index citizen_question_outreach_event_idx`.execute(db);
  await sql`alter table citizen_question drop constraint citizen_question_outreach_event_fk`.execute(db);
}
