// Outreach analytics (issue 13): rollups of events and citizens' questions per region and month,
// kept current in the same transaction as the source rows by triggers, so the dashboards and the
// national map read a few hundred rows, never scan millions.
import { sql, type Kysely } from 'kysely';
import { watchContent } from './0013_content_changes.js';

// The region of a row: the top area (no parent) above the area given, else above the maslikhat's
// own area (or its parent organisation's) — the region the maslikhat serves.
const regionFunction = sql`
  create function outreach_region_area(p_area uuid, p_org uuid) returns uuid language sql stable as $$
    select coalesce(case when a1.parent_id is null then a1.id end, case when a2.parent_id is null then a2.id end, a3.id)
    from (select coalesce(p_area, (select coalesce(o.area_id, p.area_id) from organization o left join organization p on p.id = o.parent_id where o.id = p_org)) as id) s
    join area a1 on a1.id = s.id
    left join area a2 on a2.id = a1.parent_id
    left join area a3 on a3.id = a2.parent_id
  $$`;

// Each delta is grouped by the raw keys — the row's own area (a) and maslikhat (o) — and the
// upsert resolves the region once per distinct (a, o) pair, so a bulk insert of millions of rows
// calls outreach_region_area a few dozen times, not once per row or per group.
const resolved = (select: string, region: string) => `
  with d as (${select}), r as (select a, o, ${region} as region_area_id from (select distinct a, o from d) k)
  select r.region_area_id, d.* from d join r on r.a is not distinct from d.a and r.o is not distinct from d.o where r.region_area_id is not null`;
const eventRegion = 'outreach_region_area(a, o)';

// Events: one delta per (region, month in the region's zone, public, kind).
const eventDelta = (rows: string, sign: string) => `
  select region_area_id as a, organization_id as o, date_trunc('month', starts_at at time zone time_zone)::date as month, public, kind, ${sign} * count(*) as n, ${sign} * coalesce(sum(audience_total), 0) as aud
  from ${rows} group by 1, 2, 3, 4, 5`;

const upsertEvents = (select: string) => `
  insert into outreach_stat_event (region_area_id, month, public, kind, events, audience)
  select region_area_id, month, public, kind, sum(n), sum(aud) from (${resolved(select, eventRegion)}) x group by 1, 2, 3, 4
  on conflict (region_area_id, month, public, kind) do update
    set events = outreach_stat_event.events + excluded.events, audience = outreach_stat_event.audience + excluded.audience`;

// Topics: one delta per (region, month, public, topic) of the event the link belongs to.
const topicDelta = (links: string, events: string, sign: string) => `
  select e.region_area_id as a, e.organization_id as o, date_trunc('month', e.starts_at at time zone e.time_zone)::date as month, e.public, t.topic_id, ${sign} * count(*) as n
  from ${links} t join ${events} e on e.id = t.event_id group by 1, 2, 3, 4, 5`;

const upsertTopics = (select: string) => `
  insert into outreach_stat_topic (region_area_id, month, public, topic_id, events)
  select region_area_id, month, public, topic_id, sum(n) from (${resolved(select, eventRegion)}) x group by 1, 2, 3, 4
  on conflict (region_area_id, month, public, topic_id) do update set events = outreach_stat_topic.events + excluded.events`;

// Questions, by the month of registration: raised, answered, answered by the date in force
// (Kazakhstan's day of the answer ≤ the extended due date, else the due date); and the open ones
// (registered or in work) by their date in force, so "overdue" is counted for any day asked. The
// region is the maslikhat's, else the one above the question's own area.
const questionRegion = 'coalesce(outreach_region_area(null, o), outreach_region_area(a, null))';
const dueInForce = 'coalesce(extended_due_date, due_date)';
const questionDelta = (rows: string, sign: string) => `
  select area_id as a, organization_id as o, date_trunc('month', registered_on)::date as month,
    ${sign} * count(*) as registered,
    ${sign} * count(*) filter (where answered_at is not null) as answered,
    ${sign} * count(*) filter (where answered_at is not null and (answered_at at time zone 'Asia/Almaty')::date <= ${dueInForce}) as on_time
  from ${rows} group by 1, 2, 3`;

const upsertQuestions = (select: string) => `
  insert into outreach_stat_question (region_area_id, month, registered, answered, answered_on_time)
  select region_area_id, month, sum(registered), sum(answered), sum(on_time) from (${resolved(select, questionRegion)}) x group by 1, 2
  on conflict (region_area_id, month) do update
    set registered = outreach_stat_question.registered + excluded.registered,
        answered = outreach_stat_question.answered + excluded.answered,
        answered_on_time = outreach_stat_question.answered_on_time + excluded.answered_on_time`;

const openDelta = (rows: string, sign: string) => `
  select area_id as a, organization_id as o, date_trunc('month', registered_on)::date as month, ${dueInForce} as due_on, ${sign} * count(*) as n
  from ${rows} where state in ('registered', 'in_work') and ${dueInForce} is not null group by 1, 2, 3, 4`;

const upsertOpen = (select: string) => `
  insert into outreach_stat_question_open (region_area_id, month, due_on, open)
  select region_area_id, month, due_on, sum(n) from (${resolved(select, questionRegion)}) x group by 1, 2, 3
  on conflict (region_area_id, month, due_on) do update set open = outreach_stat_question_open.open + excluded.open`;

/** Rows of an update whose counted columns changed (old or new side). */
const changedEvents = (side: 'o' | 'n') => `(
  select ${side}.* from old_rows o join new_rows n on n.id = o.id
  where (o.region_area_id, o.organization_id, o.starts_at, o.time_zone, o.public, o.kind, o.audience_total)
    is distinct from (n.region_area_id, n.organization_id, n.starts_at, n.time_zone, n.public, n.kind, n.audience_total)) x`;
const movedEvents = (side: 'o' | 'n') => `(
  select ${side}.* from old_rows o join new_rows n on n.id = o.id
  where (o.region_area_id, o.organization_id, o.starts_at, o.time_zone, o.public)
    is distinct from (n.region_area_id, n.organization_id, n.starts_at, n.time_zone, n.public))`;
const changedQuestions = (side: 'o' | 'n') => `(
  select ${side}.* from old_rows o join new_rows n on n.id = o.id
  where (o.organization_id, o.area_id, o.registered_on, o.answered_at, o.due_date, o.extended_due_date, o.state)
    is distinct from (n.organization_id, n.area_id, n.registered_on, n.answered_at, n.due_date, n.extended_due_date, n.state)) x`;

export const statTables = ['outreach_stat_event', 'outreach_stat_topic', 'outreach_stat_question', 'outreach_stat_question_open'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outreach_stat_event (
      region_area_id uuid not null,
      month date not null,
      public boolean not null,
      kind text not null,
      events integer not null default 0,
      audience bigint not null default 0,
      primary key (region_area_id, month, public, kind)
    )`.execute(db);
  await sql`create index outreach_stat_event_month on outreach_stat_event (month)`.execute(db);
  await sql`
    create table outreach_stat_topic (
      region_area_id uuid not null,
      month date not null,
      public boolean not null,
      topic_id uuid not null,
      events integer not null default 0,
      primary key (region_area_id, month, public, topic_id)
    )`.execute(db);
  await sql`create index outreach_stat_topic_month on outreach_stat_topic (month)`.execute(db);
  await sql`
    create table outreach_stat_question (
      region_area_id uuid not null,
      month date not null,
      registered integer not null default 0,
      answered integer not null default 0,
      answered_on_time integer not null default 0,
      primary key (region_area_id, month)
    )`.execute(db);
  await sql`
    create table outreach_stat_question_open (
      region_area_id uuid not null,
      month date not null,
      due_on date not null,
      open integer not null default 0,
      primary key (region_area_id, month, due_on)
    )`.execute(db);

  await regionFunction.execute(db);

  await sql
    .raw(
      `create function outreach_stat_event_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${upsertEvents(eventDelta('new_rows', '1'))};
        elsif tg_op = 'DELETE' then
          ${upsertEvents(eventDelta('old_rows', '-1'))};
        else
          ${upsertEvents(`${eventDelta(changedEvents('n'), '1')} union all ${eventDelta(changedEvents('o'), '-1')}`)};
          ${upsertTopics(`${topicDelta('outreach_event_topic', `${movedEvents('n')}`, '1')} union all ${topicDelta('outreach_event_topic', `${movedEvents('o')}`, '-1')}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  // A deleted event's topic links go by cascade after the event is gone: its topics are counted out first.
  await sql
    .raw(
      `create function outreach_stat_event_deleting() returns trigger language plpgsql as $$
      begin
        ${upsertTopics(topicDelta('(select * from outreach_event_topic where event_id = old.id)', '(select old.id as id, old.region_area_id as region_area_id, old.organization_id as organization_id, old.starts_at as starts_at, old.time_zone as time_zone, old.public as public)', '-1'))};
        return old;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function outreach_stat_topic_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${upsertTopics(topicDelta('new_rows', 'outreach_event', '1'))};
        elsif tg_op = 'DELETE' then
          ${upsertTopics(topicDelta('old_rows', 'outreach_event', '-1'))};
        else
          ${upsertTopics(`${topicDelta('new_rows', 'outreach_event', '1')} union all ${topicDelta('old_rows', 'outreach_event', '-1')}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function outreach_stat_question_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${upsertQuestions(questionDelta('new_rows', '1'))};
          ${upsertOpen(openDelta('new_rows', '1'))};
        elsif tg_op = 'DELETE' then
          ${upsertQuestions(questionDelta('old_rows', '-1'))};
          ${upsertOpen(openDelta('old_rows', '-1'))};
        else
          ${upsertQuestions(`${questionDelta(changedQuestions('n'), '1')} union all ${questionDelta(changedQuestions('o'), '-1')}`)};
          ${upsertOpen(`${openDelta(changedQuestions('n'), '1')} union all ${openDelta(changedQuestions('o'), '-1')}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  // Everything counted again from the source rows: the backfill below, and a repair after a bulk load without triggers.
  await sql
    .raw(
      `create function outreach_stats_rebuild() returns void language plpgsql as $$
      begin
        delete from outreach_stat_event;
        delete from outreach_stat_topic;
        delete from outreach_stat_question;
        delete from outreach_stat_question_open;
        ${upsertEvents(eventDelta('outreach_event', '1'))};
        ${upsertTopics(topicDelta('outreach_event_topic', 'outreach_event', '1'))};
        ${upsertQuestions(questionDelta('citizen_question', '1'))};
        ${upsertOpen(openDelta('citizen_question', '1'))};
      end $$`,
    )
    .execute(db);

  for (const [table, fn] of [
    ['outreach_event', 'outreach_stat_event_changed'],
    ['outreach_event_topic', 'outreach_stat_topic_changed'],
    ['citizen_question', 'outreach_stat_question_changed'],
  ] as const) {
    await sql.raw(`create trigger ${table}_stats_insert after insert on ${table} referencing new table as new_rows for each statement execute function ${fn}()`).execute(db);
    await sql.raw(`create trigger ${table}_stats_update after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`).execute(db);
    await sql.raw(`create trigger ${table}_stats_delete after delete on ${table} referencing old table as old_rows for each statement execute function ${fn}()`).execute(db);
  }
  await sql`create trigger outreach_event_stats_deleting before delete on outreach_event for each row execute function outreach_stat_event_deleting()`.execute(db);
  await sql`select outreach_stats_rebuild()`.execute(db);
  // The public figures change when a question does (citizen_question itself is private and unwatched).
  await watchContent(db, statTables);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outreach_event', 'outreach_event_topic', 'citizen_question']) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${table}_stats_${op} on ${table}`).execute(db);
  }
  await sql`drop trigger if exists outreach_event_stats_deleting on outreach_event`.execute(db);
  for (const fn of ['outreach_stats_rebuild', 'outreach_stat_question_changed', 'outreach_stat_topic_changed', 'outreach_stat_event_deleting', 'outreach_stat_event_changed']) {
    await sql.raw(`drop function if exists ${fn}()`).execute(db);
  }
  await sql`drop function if exists outreach_region_area(uuid, uuid)`.execute(db);
  for (const table of statTables.toReversed()) await sql.raw(`drop table if exists ${table}`).execute(db);
}
