// Who a decision admitted, by an index (issue 15). The public meeting page lists the members its
// decisions admitted; with only the two partial unique indexes of 0010 (each covering either persons
// or organisations) PostgreSQL read the whole membership table and the whole person table for it,
// about half the cost of the page's one query, and planned that query afresh on every run because
// its generic plan looked even dearer (3 ms of planning per page on the demo data).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index membership_start_decision_idx on membership (start_decision_id) where start_decision_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index membership_start_decision_idx`.execute(db);
}
