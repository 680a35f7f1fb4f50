// Subscriptions to a region's receptions (issue 15): a citizen may follow the public receptions and
// meetings with voters of a region's maslikhat by email, as its news and meetings. The checks of
// 0016 gain the topic 'receptions' and the delivered item kind 'reception'. Going down ends nothing
// silently: it refuses while any such subscription or delivery is kept.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table subscription drop constraint subscription_topic_check`.execute(db);
  await sql`alter table subscription add constraint subscription_topic_check check (topic in ('news', 'meetings', 'receptions'))`.execute(db);
  await sql`alter table subscription_delivery drop constraint subscription_delivery_item_kind_check`.execute(db);
  await sql`alter table subscription_delivery add constraint subscription_delivery_item_kind_check check (item_kind in ('news', 'meeting', 'reception'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table subscription drop constraint subscription_topic_check`.execute(db);
  await sql`alter table subscription add constraint subscription_topic_check check (topic in ('news', 'meetings'))`.execute(db);
  await sql`alter table subscription_delivery drop constraint subscription_delivery_item_kind_check`.execute(db);
  await sql`alter table subscription_delivery add constraint subscription_delivery_item_kind_check check (item_kind in ('news', 'meeting'))`.execute(db);
}
