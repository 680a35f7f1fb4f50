// Mail about a change (issue 15). When an announced meeting or a public reception that was mailed to
// subscribers changes its time or place, is postponed (a meeting) or called off (a meeting cancelled;
// a reception made internal or deleted), every address it was mailed to gets one more mail saying so.
// - subscription_facts_meeting / subscription_facts_reception: what a mail tells of an item (when, in
//   which time zone, where, whether it is off, whether a meeting is postponed; a reception's kind and
//   region too, which its mail names even once it is deleted), as jsonb: the one definition the
//   mailing job and this migration compare with. The time is in milliseconds since 1970, whatever
//   the session's time zone.
// - subscription_delivery.facts: what the address was last told of the item (by its first mail, then
//   by the latest mail about a change), and .notices: how many changes were mailed. Deliveries made
//   before this migration get the item's facts now: nobody is mailed about a change made before it.
//   Indexed by the time last told, so the job reads only deliveries of items still ahead (or postponed).
// - subscription_notice: one row per change mailed to an address, numbered from 1 per address and
//   item, claimed before its mail goes (so two instances send it once; the delivery's facts and count
//   change in the same transaction), with the facts it told and the hash of its own unsubscribe token.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function subscription_facts_meeting(starts_at timestamptz, time_zone text, place jsonb, status text) returns jsonb
    language sql immutable as $$
      select jsonb_build_object('startsAt', floor(extract(epoch from starts_at) * 1000)::bigint, 'timeZone', time_zone, 'place', place, 'postponed', status = 'postponed', 'off', status = 'cancelled')
    $$`.execute(db);
  await sql`
    create function subscription_facts_reception(kind text, region_area_id uuid, starts_at timestamptz, time_zone text, settlement text, address text, public boolean) returns jsonb
    language sql immutable as $$
      select jsonb_build_object('kind', kind, 'regionAreaId', region_area_id, 'startsAt', floor(extract(epoch from starts_at) * 1000)::bigint, 'timeZone', time_zone, 'settlement', settlement, 'address', address, 'off', not public)
    $$`.execute(db);
  await sql`alter table subscription_delivery add column facts jsonb, add column notices integer not null default 0 check (notices >= 0)`.execute(db);
  await sql`
    update subscription_delivery d set facts = subscription_facts_meeting(m.starts_at, m.time_zone, m.place, m.status)
    from meeting m where d.item_kind = 'meeting' and m.id = d.item_id`.execute(db);
  await sql`
    update subscription_delivery d set facts = subscription_facts_reception(e.kind, e.region_area_id, e.starts_at, e.time_zone, e.settlement, e.address, e.public)
    from outreach_event e where d.item_kind = 'reception' and e.id = d.item_id`.execute(db);
  await sql`create index subscription_delivery_told_ahead on subscription_delivery (((facts ->> 'startsAt')::bigint)) where facts is not null`.execute(db);
  await sql`create index subscription_delivery_told_postponed on subscription_delivery (item_id) where (facts ->> 'postponed')::boolean`.execute(db);
  await sql`
    create table subscription_notice (
      subscriber_id uuid not null references subscriber (id) on delete cascade,
      item_kind text not null check (item_kind in ('meeting', 'reception')),
      item_id uuid not null,
      sequence integer not null check (sequence > 0),
      facts jsonb not null,
      unsubscribe_token_hash text not null unique,
      claimed_at timestamptz not null default now(),
      mail_id uuid,
      primary key (subscriber_id, item_kind, item_id, sequence)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists subscription_notice`.execute(db);
  await sql`drop index if exists subscription_delivery_told_postponed`.execute(db);
  await sql`drop index if exists subscription_delivery_told_ahead`.execute(db);
  await sql`alter table subscription_delivery drop column if exists notices, drop column if exists facts`.execute(db);
  await sql`drop function if exists subscription_facts_reception(text, uuid, timestamptz, text, text, text, boolean)`.execute(db);
  await sql`drop function if exists subscription_facts_meeting(timestamptz, text, jsonb, text)`.execute(db);
}
