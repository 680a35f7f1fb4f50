// Outreach analytics' reads: the rollups of migration 0022 (never the source rows), the regions of
// a day and their population. Aggregates only — nothing about an applicant or a single event.
import { sql } from 'kysely';
import type { Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export interface StatsFilter {
  /** First days of the first and the last month ('YYYY-MM-01'). */
  fromMonth: string;
  toMonth: string;
  /** Internal events counted too (the office). */
  internal: boolean;
  /** Only these regions (area ids); undefined: all. */
  regionIds?: readonly string[] | undefined;
}

const noRegion = '00000000-0000-0000-0000-000000000000';
const regionList = (ids: readonly string[]) => (ids.length ? ids : [noRegion]);

/** Any top area by KATO, whatever its dates (a region of earlier years stays choosable). */
export async function findRegionByKato(db: Executor, kato: string) {
  return db.selectFrom('area').select(['id', 'kato']).where('kato', '=', kato).where('parent_id', 'is', null).executeTakeFirst();
}

/** The regions the maslikhats serve (their top areas). */
export async function regionsOfOrganizations(db: Executor, organizationIds: readonly string[]): Promise<string[]> {
  if (!organizationIds.length) return [];
  const rows = await db
    .selectFrom('organization')
    .select(sql<string | null>`outreach_region_area(null, organization.id)`.as('regionId'))
    .where('id', 'in', organizationIds)
    .execute();
  return [...new Set(rows.map((r) => r.regionId).filter((id): id is string => id !== null))];
}

/** Each area's population on the latest count on or before the day (else its earliest count). */
export async function populationOn(db: Executor, date: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('area_population as p')
    .select(['p.area_id as areaId', 'p.population'])
    .where(({ eb, ref }) =>
      eb(
        'p.on_date',
        '=',
        sql<string>`coalesce(
          (select max(q.on_date) from area_population q where q.area_id = ${ref('p.area_id')} and q.on_date <= ${date}::date),
          (select min(q.on_date) from area_population q where q.area_id = ${ref('p.area_id')}))`,
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.areaId, r.population]));
}

export interface RegionCounts {
  regionId: string;
  events: number;
  audience: number;
  questions: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
}

/** Per region over the months: events and audience, questions raised, answered, on time, and open past their date on `today`. */
export async function countsByRegion(db: Executor, filter: StatsFilter, today: string): Promise<RegionCounts[]> {
  const regionIds = filter.regionIds ? regionList(filter.regionIds) : null;
  const { rows } = await sql<RegionCounts>`
    with e as (
      select region_area_id, sum(events)::float8 as events, sum(audience)::float8 as audience
      from outreach_stat_event
      where month between ${filter.fromMonth}::date and ${filter.toMonth}::date ${filter.internal ? sql`` : sql`and public`}
        ${regionIds ? sql`and region_area_id in (${sql.join(regionIds)})` : sql``}
      group by 1
    ), q as (
      select region_area_id, sum(registered)::float8 as questions, sum(answered)::float8 as answered, sum(answered_on_time)::float8 as answered_on_time
      from outreach_stat_question
      where month between ${filter.fromMonth}::date and ${filter.toMonth}::date
        ${regionIds ? sql`and region_area_id in (${sql.join(regionIds)})` : sql``}
      group by 1
    ), o as (
      select region_area_id, sum(open)::float8 as overdue
      from outreach_stat_question_open
      where month between ${filter.fromMonth}::date and ${filter.toMonth}::date and due_on < ${today}::date
        ${regionIds ? sql`and region_area_id in (${sql.join(regionIds)})` : sql``}
      group by 1
    )
    select r.region_area_id as "regionId", coalesce(e.events, 0) as events, coalesce(e.audience, 0) as audience,
      coalesce(q.questions, 0) as questions, coalesce(q.answered, 0) as answered, coalesce(q.answered_on_time, 0) as "answeredOnTime", coalesce(o.overdue, 0) as overdue
    from (select region_area_id from e union select region_area_id from q union select region_area_id from o) r
    left join e on e.region_area_id = r.region_area_id
    left join q on q.region_area_id = r.region_area_id
    left join o on o.region_area_id = r.region_area_id`.execute(db);
  return rows;
}

export interface MonthCounts {
  month: string;
  events: number;
  audience: number;
  questions: number;
  answeredOnTime: number;
}

/** Per month: events, audience, questions raised and answered on time (the months with none left out). */
export async function countsByMonth(db: Executor, filter: StatsFilter): Promise<MonthCounts[]> {
  const regionIds = filter.regionIds ? regionList(filter.regionIds) : null;
  const { rows } = await sql<MonthCounts>`
    with e as (
      select month, sum(events)::float8 as events, sum(audience)::float8 as audience
      from outreach_stat_event
      where month between ${filter.fromMonth}::date and ${filter.toMonth}::date ${filter.internal ? sql`` : sql`and public`}
        ${regionIds ? sql`and region_area_id in (${sql.join(regionIds)})` : sql``}
      group by 1
    ), q as (
      select month, sum(registered)::float8 as questions, sum(answered_on_time)::float8 as answered_on_time
      from outreach_stat_question
      where month between ${filter.fromMonth}::date and ${filter.toMonth}::date
        ${regionIds ? sql`and region_area_id in (${sql.join(regionIds)})` : sql``}
      group by 1
    )
    select to_char(m.month, 'YYYY-MM') as month, coalesce(e.events, 0) as events, coalesce(e.audience, 0) as audience,
      coalesce(q.questions, 0) as questions, coalesce(q.answered_on_time, 0) as "answeredOnTime"
    from (select month from e union select month from q) m
    left join e on e.month = m.month
    left join q on q.month = m.month
    order by m.month`.execute(db);
  return rows;
}

/** The topics with the most events over the months, with their titles (summed by topic first, then named). */
export async function topTopics(db: Executor, filter: StatsFilter, limit: number) {
  const regionIds = filter.regionIds ? regionList(filter.regionIds) : null;
  const { rows } = await sql<{ id: string; slug: string | null; title: LocalizedText; events: number }>`
    select t.id, t.slug, t.title, s.events
    from (
      select topic_id, sum(events)::float8 as events
      from outreach_stat_topic
      where month between ${filter.fromMonth}::date and ${filter.toMonth}::date ${filter.internal ? sql`` : sql`and public`}
        ${regionIds ? sql`and region_area_id in (${sql.join(regionIds)})` : sql``}
      group by topic_id
      having sum(events) > 0
      order by 2 desc, 1
      limit ${limit}
    ) s
    join outreach_topic t on t.id = s.topic_id
    order by s.events desc, t.id`.execute(db);
  return rows;
}
